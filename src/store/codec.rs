//! Encoding of stored values: serde_json, so that adding a field with `#[serde(default)]`
//! reads older records. The schema version lives in the `meta` tree (see `schema`).

use super::StoreError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Encodes a value for storage.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Decodes a stored value; `what` names the tree and key for the error message.
pub(crate) fn decode<T: DeserializeOwned>(
    bytes: &[u8],
    what: &dyn Fn() -> String,
) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("{} : {e}", what())))
}
