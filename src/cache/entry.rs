//! One cache file: a value in borsh's encoding, behind the digest of what
//! follows it and a label saying what kind of value it holds.
//!
//! The digest is of the file's name too, so an entry copied or renamed
//! to another key's name is foreign. A file whose digest does not match
//! its name and bytes (written halfway, damaged, changed by hand, or
//! another key's), or whose label is another kind's, is not read: the caller treats it as absent and makes the value again. Cache
//! files are written to a temporary name and renamed into place, but not
//! flushed to disk first: a cache file lost in a crash costs a parse, and
//! one cut short fails its digest.

use std::io::Write as _;
use std::path::Path;

use borsh::{BorshDeserialize, BorshSerialize};

use super::key::Digest;

/// Encodes `value` under `label`, for the file named `name`.
fn encode(name: &[u8], label: &[u8], value: &impl BorshSerialize) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(4096);
    body.extend_from_slice(&(label.len() as u32).to_le_bytes());
    body.extend_from_slice(label);
    value.serialize(&mut body).ok()?;
    let mut out = Vec::with_capacity(body.len() + 32);
    out.extend_from_slice(&named_digest(name, &body));
    out.extend_from_slice(&body);
    Some(out)
}

/// The digest of an entry's body, bound to its file's name.
fn named_digest(name: &[u8], body: &[u8]) -> Digest {
    *blake3::Hasher::new().update(&(name.len() as u64).to_le_bytes()).update(name).update(body).finalize().as_bytes()
}

/// The value `bytes`, read from the file named `name`, hold under
/// `label`, or `None` if they are not a sound encoding of one.
fn decode<T: BorshDeserialize>(bytes: &[u8], name: &[u8], label: &[u8]) -> Option<T> {
    let (sum, body) = bytes.split_at_checked(32)?;
    let sum: Digest = sum.try_into().ok()?;
    if named_digest(name, body) != sum {
        return None;
    }
    let (len, rest) = body.split_at_checked(4)?;
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let (found, value) = rest.split_at_checked(len)?;
    if found != label {
        return None;
    }
    T::try_from_slice(value).ok()
}

/// Reads the value at `path`, if there is a sound one.
pub fn read<T: BorshDeserialize>(path: &Path, label: &[u8]) -> Option<T> {
    decode(&std::fs::read(path).ok()?, name(path), label)
}

fn name(path: &Path) -> &[u8] {
    path.file_name().map_or(b"", |n| n.as_encoded_bytes())
}

/// Writes `value` to `path` under `label`, through a temporary file
/// renamed into place. A value that cannot be encoded is not written, and
/// is an error: the caller may count on reading back what it wrote.
pub fn write(path: &Path, label: &[u8], value: &impl BorshSerialize) -> std::io::Result<()> {
    let Some(bytes) = encode(name(path), label, value) else {
        return Err(std::io::Error::other("the value cannot be encoded"));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(&bytes)?;
    temporary.persist(path).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_or_foreign_entries_are_not_read() {
        let bytes = encode(b"one.bin", b"facts", &vec![1u32, 2, 3]).unwrap();
        assert_eq!(decode::<Vec<u32>>(&bytes, b"one.bin", b"facts"), Some(vec![1, 2, 3]));
        assert_eq!(decode::<Vec<u32>>(&bytes, b"one.bin", b"claims"), None, "another kind's entry");
        for cut in [0, 10, 32, bytes.len() - 1] {
            assert_eq!(decode::<Vec<u32>>(&bytes[..cut], b"one.bin", b"facts"), None, "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(decode::<Vec<u32>>(&flipped, b"one.bin", b"facts"), None);
        assert_eq!(decode::<Vec<u32>>(b"", b"one.bin", b"facts"), None);
    }

    #[test]
    fn an_entry_under_another_name_is_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let (one, other) = (dir.path().join("one.bin"), dir.path().join("other.bin"));
        write(&one, b"facts", &vec![1u32]).unwrap();
        assert_eq!(read::<Vec<u32>>(&one, b"facts"), Some(vec![1]));
        std::fs::copy(&one, &other).unwrap();
        assert_eq!(read::<Vec<u32>>(&other, b"facts"), None);
    }
}
