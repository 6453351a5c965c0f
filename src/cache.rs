//! The cache of extracted facts: an SQLite file in the user's cache
//! directory holding, for each article file, what loading it gave, so an
//! unchanged corpus is reopened without parsing it again. Only a cache:
//! deleting it loses nothing.

pub mod db;
pub mod record;
pub mod session;
