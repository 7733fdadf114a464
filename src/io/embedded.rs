//! The embedded real data (fixtures/): placeholder until the fixtures land.
