//! Content keys: BLAKE3 digests of what a cached result was made from, and
//! the stamps that let a run skip hashing a file unchanged since the last.
//!
//! As git does for its index, the cache keeps each file's size,
//! modification and change times and inode with the digest of its
//! content, and hashes a file again only when one of those differs, or
//! when the file was modified too shortly before its digest was taken for
//! its times to prove anything. Content that changes therefore always
//! changes the digest; the cache can be slow to notice nothing, never
//! quick to miss a change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use borsh::{BorshDeserialize, BorshSerialize};

use super::entry;

/// A BLAKE3 digest.
pub type Digest = [u8; 32];

/// A file modified this close to the moment its digest was recorded may
/// have changed again within the clock's resolution; it is hashed again.
pub const RACY: Duration = Duration::from_secs(2);

/// The digest of `bytes`.
pub fn digest(bytes: &[u8]) -> Digest {
    *blake3::hash(bytes).as_bytes()
}

/// A hasher for digests made of several parts; each part is written with
/// its length first, so no two different lists of parts hash alike. Parts
/// are gathered in a buffer and handed to BLAKE3 in large pieces: the
/// digest of a fact is made of a few dozen bytes, and a call of the hasher
/// for each costs more than hashing them.
pub struct Hasher {
    hasher: blake3::Hasher,
    /// The parts not yet hashed.
    buffer: Vec<u8>,
}

impl Default for Hasher {
    fn default() -> Self {
        // Room for a key's few parts at once, rather than grown a step at a time.
        Hasher { hasher: blake3::Hasher::new(), buffer: Vec::with_capacity(512) }
    }
}

/// How much of the buffer is hashed at once.
const PIECE: usize = 1 << 16;

impl Hasher {
    /// Adds one part.
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.buffer.extend_from_slice(bytes);
        self.spill()
    }

    /// Adds a value in its cache encoding. A value that cannot be encoded
    /// (a NaN) adds a marker no encoding starts with, never another
    /// value's bytes.
    pub fn value(&mut self, value: &impl BorshSerialize) -> &mut Self {
        // The part's length goes first, as [`Self::part`] writes it: its
        // place is kept and filled in once the value is encoded.
        let start = self.buffer.len();
        self.buffer.extend_from_slice(&[0; 8]);
        match value.serialize(&mut self.buffer) {
            Ok(()) => {
                let len = (self.buffer.len() - start - 8) as u64;
                self.buffer[start..start + 8].copy_from_slice(&len.to_le_bytes());
                self.spill()
            }
            Err(_) => {
                self.buffer.truncate(start);
                self.part(b"\xffunencodable\xff")
            }
        }
    }

    /// Hashes the buffer once it holds a large piece.
    fn spill(&mut self) -> &mut Self {
        if self.buffer.len() >= PIECE {
            self.hasher.update(&self.buffer);
            self.buffer.clear();
        }
        self
    }

    /// The digest of every part added.
    pub fn finish(&self) -> Digest {
        if self.buffer.is_empty() {
            return *self.hasher.finalize().as_bytes();
        }
        let mut hasher = self.hasher.clone();
        *hasher.update(&self.buffer).finalize().as_bytes()
    }

    /// Starts a new digest, keeping the buffer's room.
    pub fn reset(&mut self) -> &mut Self {
        self.hasher.reset();
        self.buffer.clear();
        self
    }
}

/// Lowercase hexadecimal, for file names.
pub fn hex(digest: &Digest) -> String {
    blake3::Hash::from_bytes(*digest).to_hex().to_string()
}

/// What a file looked like when its content was hashed.
#[derive(Clone, Debug, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path`.
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path)?;
        Ok(Stamp {
            size: meta.len(),
            modified: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            inode: meta.ino(),
        })
    }

    /// The stamp in `stat`, as the system gave it for a file
    /// (`rustix::fs::statat`); the same as [`Stamp::of`] gives for it.
    #[allow(clippy::useless_conversion, reason = "the fields' types differ between systems")]
    pub fn from_stat(stat: &rustix::fs::Stat) -> Stamp {
        let nanos = |seconds, nanos| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        Stamp {
            size: u64::try_from(stat.st_size).unwrap_or_default(),
            modified: nanos(stat.st_mtime, stat.st_mtime_nsec),
            changed: nanos(stat.st_ctime, stat.st_ctime_nsec),
            inode: u64::from(stat.st_ino),
        }
    }

    /// How long before `now` the file was last modified; `None` if it was
    /// modified after `now` (a clock set back, a file from elsewhere).
    pub fn age(&self, now: SystemTime) -> Option<Duration> {
        let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos();
        let age = i128::try_from(now).ok()?.checked_sub(self.modified)?;
        u64::try_from(age).ok().map(Duration::from_nanos)
    }
}

/// The digests of a project's files as last hashed, by path relative to
/// the project, with the stamp each file had.
pub struct Stamps {
    file: PathBuf,
    root: PathBuf,
    known: BTreeMap<String, (Stamp, Digest)>,
    seen: Mutex<BTreeMap<String, (Stamp, Digest)>>,
    now_ns: i128,
}

impl Stamps {
    /// The stamps kept in `cache` for the project at `root`.
    pub fn open(cache: &Path, root: &Path) -> Stamps {
        let file = cache.join("stamps.bin");
        let known = entry::read(&file, b"stamps").unwrap_or_default();
        let now_ns = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128);
        Stamps { file, root: root.to_owned(), known, seen: Mutex::default(), now_ns }
    }

    /// The current stamp of `path`, and its digest if the stamp proves the
    /// content unchanged since it was hashed.
    pub fn trusted(&self, path: &str) -> (Option<Stamp>, Option<Digest>) {
        let Ok(stamp) = Stamp::of(&self.root.join(path)) else { return (None, None) };
        let digest = self
            .known
            .get(path)
            .filter(|(known, _)| *known == stamp && self.now_ns - stamp.modified > RACY.as_nanos() as i128)
            .map(|(_, digest)| *digest);
        if let Some(digest) = digest {
            self.seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(path.to_owned(), (stamp.clone(), digest));
        }
        (Some(stamp), digest)
    }

    /// Records that `path`, when it had `stamp` (taken before it was
    /// read), held content with `digest`.
    pub fn record(&self, path: &str, stamp: Option<Stamp>, digest: Digest) {
        if let Some(stamp) = stamp {
            self.seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(path.to_owned(), (stamp, digest));
        }
    }

    /// The digest of `path`'s content: from its stamp if that proves it
    /// unchanged, or else by reading and hashing it.
    ///
    /// Anything but a regular file (a named pipe, a device) is refused
    /// unread, as the loader refuses it: reading one could wait forever.
    pub fn digest(&self, path: &str) -> std::io::Result<Digest> {
        let (stamp, known) = self.trusted(path);
        if let Some(digest) = known {
            return Ok(digest);
        }
        let full = self.root.join(path);
        if !std::fs::metadata(&full)?.is_file() {
            return Err(std::io::Error::other(format!("{path} is not a regular file")));
        }
        let digest = digest(&std::fs::read(full)?);
        self.record(path, stamp, digest);
        Ok(digest)
    }

    /// Keeps the stamps seen in this run for the next, if any changed.
    /// Files not seen this run keep their stamps, so a run over one
    /// article does not forget the others'.
    pub fn save(&self) {
        let seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.iter().all(|(path, value)| self.known.get(path) == Some(value)) {
            return;
        }
        let mut all = self.known.clone();
        all.extend(seen.iter().map(|(path, value)| (path.clone(), value.clone())));
        // Files that no longer exist are forgotten.
        all.retain(|path, _| seen.contains_key(path) || self.root.join(path).is_file());
        // A cache that cannot be written only makes the next run slower.
        let _ = entry::write(&self.file, b"stamps", &all);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lowercase_digits_a_byte_in_order() {
        let mut digest = [0; 32];
        digest[0] = 0x0a;
        digest[1] = 0xf3;
        digest[31] = 0x10;
        let written = hex(&digest);
        assert_eq!(written.len(), 64);
        assert!(written.starts_with("0af300") && written.ends_with("0010"), "{written}");
        assert_eq!(written, digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
    }

    #[test]
    fn a_value_hashes_as_the_part_its_encoding_is_and_a_reset_hasher_as_a_new_one() {
        let values: [&[u32]; 3] = [&[], &[7], &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]];
        let mut reused = Hasher::default();
        reused.part(b"before");
        for value in values {
            let encoded = borsh::to_vec(value).unwrap();
            let by_part = Hasher::default().part(b"head").part(&encoded).finish();
            assert_eq!(Hasher::default().part(b"head").value(&value).finish(), by_part);
            assert_eq!(reused.reset().part(b"head").value(&value).finish(), by_part);
        }
        assert_ne!(Hasher::default().value(&[1u32]).finish(), Hasher::default().value(&[1u32, 0]).finish());
        // Past the buffer's piece, against the bytes hashed in one go.
        let big: Vec<u32> = (0..40_000).collect();
        let mut expected = Vec::new();
        let mut hasher = Hasher::default();
        for n in 0..5u32 {
            let slice = &big[..(n as usize) * 9_000];
            let encoded = borsh::to_vec(slice).unwrap();
            for part in [&n.to_le_bytes()[..], &encoded] {
                expected.extend_from_slice(&(part.len() as u64).to_le_bytes());
                expected.extend_from_slice(part);
            }
            hasher.part(&n.to_le_bytes()).value(&slice);
            assert_eq!(hasher.finish(), *blake3::hash(&expected).as_bytes());
        }
    }

    #[test]
    fn a_file_hashed_once_is_known_by_its_stamp_in_the_next_run() {
        let (root, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let file = root.path().join("facts.yaml");
        std::fs::write(&file, "facts: []\n").unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(old).unwrap();
        let first = Stamps::open(cache.path(), root.path());
        assert_eq!(first.trusted("facts.yaml").1, None, "nothing known yet");
        let content = first.digest("facts.yaml").unwrap();
        first.save();
        let next = Stamps::open(cache.path(), root.path());
        assert_eq!(next.trusted("facts.yaml").1, Some(content), "known without reading it");
        std::fs::write(&file, "facts: [] \n").unwrap();
        assert_eq!(Stamps::open(cache.path(), root.path()).trusted("facts.yaml").1, None, "changed since");
    }
}
