//! One cache file: a value in borsh's encoding, behind a checksum of what
//! follows it and a label saying what kind of value it holds.
//!
//! The checksum is of the file's name too, so an entry copied or renamed
//! to another key's name is foreign. A file whose checksum does not match
//! its name and bytes (written halfway, damaged, changed by hand, or
//! another key's), or whose label is another kind's, is not read: the
//! caller treats it as absent and makes the value again. Cache files are
//! written to a temporary name and renamed into place, but not flushed to
//! disk first: a cache file lost in a crash costs a parse, and one cut
//! short fails its checksum.
//!
//! What an entry answers for is its name: a BLAKE3 key of the content it
//! was made from and of the program ([`super::key`]). The checksum only
//! tells a sound file from a damaged or misplaced one, so it is XXH3's
//! 128 bits (`twox-hash`), which any change of the bytes or the name
//! alters but for one chance in 2^128, at a tenth of BLAKE3's
//! instructions: a cold run writes every entry and reads the facts back,
//! some 500 MB at a million facts. A cryptographic digest would add no
//! protection here: one without a secret key can be recomputed by anyone
//! able to write the cache, and so can this.

use std::io::{self, Seek, SeekFrom, Write};
use std::path::Path;

use borsh::{BorshDeserialize, BorshSerialize};
use twox_hash::XxHash3_128;

/// The checksum's length at the start of every entry.
const SUM: usize = 16;

/// Encodes `value` under `label`, for the file named `name`, into `out`
/// as it goes: the checksum's place first, then the body through the
/// hasher, then the checksum in its place; so that an entry of a million
/// facts is never held encoded in memory too.
fn encode_into<W: Write + Seek>(name: &[u8], label: &[u8], value: &impl BorshSerialize, out: &mut W) -> io::Result<()> {
    let start = out.stream_position()?;
    out.write_all(&[0; SUM])?;
    let hasher = {
        // Buffered before the hasher, which then takes large pieces.
        let hashed = Hashed { hasher: named_hasher(name), out: &mut *out };
        let mut body = io::BufWriter::with_capacity(1 << 16, hashed);
        body.write_all(&(label.len() as u32).to_le_bytes())?;
        body.write_all(label)?;
        value.serialize(&mut body)?;
        body.into_inner().map_err(io::IntoInnerError::into_error)?.hasher
    };
    let end = out.stream_position()?;
    out.seek(SeekFrom::Start(start))?;
    out.write_all(&hasher.finish_128().to_le_bytes())?;
    out.seek(SeekFrom::Start(end))?;
    Ok(())
}

/// A writer that hashes what it passes on.
struct Hashed<W> {
    hasher: XxHash3_128,
    out: W,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.write(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A hasher for an entry's body, bound to its file's name.
fn named_hasher(name: &[u8]) -> XxHash3_128 {
    let mut hasher = XxHash3_128::new();
    hasher.write(&(name.len() as u64).to_le_bytes());
    hasher.write(name);
    hasher
}

/// The checksum of an entry's body, bound to its file's name.
fn named_sum(name: &[u8], body: &[u8]) -> [u8; SUM] {
    let mut hasher = named_hasher(name);
    hasher.write(body);
    hasher.finish_128().to_le_bytes()
}

/// The value `bytes`, read from the file named `name`, hold under
/// `label`, or `None` if they are not a sound encoding of one.
fn decode<T: BorshDeserialize>(bytes: &[u8], name: &[u8], label: &[u8]) -> Option<T> {
    let (sum, body) = bytes.split_at_checked(SUM)?;
    if named_sum(name, body) != sum {
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

/// The label an entry's `bytes` say they hold, sound or not: which kind
/// of value a cache file is meant to be, for tools and tests that sort
/// cache files without decoding them.
pub fn label(bytes: &[u8]) -> Option<&[u8]> {
    let (len, rest) = bytes.get(SUM..)?.split_at_checked(4)?;
    rest.get(..u32::from_le_bytes(len.try_into().ok()?) as usize)
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
pub fn write(path: &Path, label: &[u8], value: &impl BorshSerialize) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    encode_into(name(path), label, value, temporary.as_file_mut())?;
    temporary.persist(path).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(name: &[u8], label: &[u8], value: &impl BorshSerialize) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        encode_into(name, label, value, &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn damaged_or_foreign_entries_are_not_read() {
        let bytes = encode(b"one.bin", b"facts", &vec![1u32, 2, 3]);
        assert_eq!(decode::<Vec<u32>>(&bytes, b"one.bin", b"facts"), Some(vec![1, 2, 3]));
        assert_eq!(decode::<Vec<u32>>(&bytes, b"one.bin", b"claims"), None, "another kind's entry");
        for cut in [0, 10, SUM, bytes.len() - 1] {
            assert_eq!(decode::<Vec<u32>>(&bytes[..cut], b"one.bin", b"facts"), None, "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(decode::<Vec<u32>>(&flipped, b"one.bin", b"facts"), None);
        assert_eq!(decode::<Vec<u32>>(b"", b"one.bin", b"facts"), None);
        assert_eq!(label(&bytes), Some(&b"facts"[..]));
        assert_eq!(label(&flipped), Some(&b"facts"[..]), "the label of a damaged entry too");
        assert_eq!(label(&bytes[..SUM + 6]), None, "cut short in the label");
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
