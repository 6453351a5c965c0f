//! The cache of extracted facts (#11): unchanged files are not parsed again.

pub mod record;
