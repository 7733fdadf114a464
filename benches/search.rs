//! Search benchmark (issue 4): placeholder until the search index lands.
fn main() {}
