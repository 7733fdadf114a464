//! A minimal little-endian binary codec for the search index snapshot: integers, strings and
//! arrays of `u32`, with every count checked against a limit so a damaged file gives an
//! error, never a huge allocation or a panic.

use std::io::{self, Read, Write};

/// Why a snapshot cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// Reading or writing the file failed.
    Io(#[from] io::Error),
    /// The file is not a snapshot of this version, or is damaged.
    Format(String),
    /// The snapshot is valid but of another state of the store or other catalogs: rebuild.
    Stale,
}

/// Largest count accepted for any array or string in a snapshot.
const MAX_COUNT: u64 = 1 << 34;

/// Writes values to a byte sink.
pub(crate) struct Enc<W: Write> {
    w: W,
}

impl<W: Write> Enc<W> {
    pub fn new(w: W) -> Self {
        Enc { w }
    }
    pub fn into_inner(self) -> W {
        self.w
    }
    pub fn u32(&mut self, v: u32) -> io::Result<()> {
        self.w.write_all(&v.to_le_bytes())
    }
    pub fn u64(&mut self, v: u64) -> io::Result<()> {
        self.w.write_all(&v.to_le_bytes())
    }
    pub fn str(&mut self, s: &str) -> io::Result<()> {
        self.u64(s.len() as u64)?;
        self.w.write_all(s.as_bytes())
    }
    /// A length-prefixed array of u32.
    pub fn u32s(&mut self, v: &[u32]) -> io::Result<()> {
        self.u64(v.len() as u64)?;
        let mut buf = Vec::with_capacity(4 * v.len().min(16_384));
        for chunk in v.chunks(16_384) {
            buf.clear();
            for x in chunk {
                buf.extend_from_slice(&x.to_le_bytes());
            }
            self.w.write_all(&buf)?;
        }
        Ok(())
    }
    /// A length-prefixed array of u64.
    pub fn u64s(&mut self, v: &[u64]) -> io::Result<()> {
        self.u64(v.len() as u64)?;
        for x in v {
            self.u64(*x)?;
        }
        Ok(())
    }
}

/// Reads values from a byte source.
pub(crate) struct Dec<R: Read> {
    r: R,
    buf: Vec<u8>,
    /// Bytes left in the source: no count may claim more.
    remaining: u64,
}

impl<R: Read> Dec<R> {
    /// A decoder over `r`, which holds `len` bytes.
    pub fn new(r: R, len: u64) -> Self {
        Dec {
            r,
            buf: Vec::new(),
            remaining: len,
        }
    }
    fn read(&mut self, b: &mut [u8]) -> Result<(), SnapshotError> {
        self.r.read_exact(b)?;
        self.remaining = self.remaining.saturating_sub(b.len() as u64);
        Ok(())
    }
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        let mut b = [0u8; N];
        self.read(&mut b)?;
        Ok(b)
    }
    pub fn u32(&mut self) -> Result<u32, SnapshotError> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }
    pub fn u64(&mut self) -> Result<u64, SnapshotError> {
        Ok(u64::from_le_bytes(self.bytes()?))
    }
    /// A count of items of `size` bytes each, at most `max` and within the bytes left.
    pub fn count_of(&mut self, max: u64, size: u64) -> Result<usize, SnapshotError> {
        let n = self.u64()?;
        if n > max.min(MAX_COUNT) || n.saturating_mul(size) > self.remaining {
            return Err(SnapshotError::Format(format!("taille {n} hors limites")));
        }
        Ok(n as usize)
    }
    /// A count of items (at least one byte each), at most `max`.
    pub fn count(&mut self, max: u64) -> Result<usize, SnapshotError> {
        self.count_of(max, 1)
    }
    pub fn str(&mut self) -> Result<String, SnapshotError> {
        let n = self.count(1 << 20)?;
        let mut b = vec![0u8; n];
        self.read(&mut b)?;
        String::from_utf8(b).map_err(|_| SnapshotError::Format("texte non UTF-8".into()))
    }
    /// A length-prefixed array of u32, read in chunks (no double buffering of the array).
    pub fn u32s(&mut self, max: u64) -> Result<Vec<u32>, SnapshotError> {
        let n = self.count_of(max, 4)?;
        let mut out = Vec::with_capacity(n);
        let mut left = n;
        let mut buf = std::mem::take(&mut self.buf);
        while left > 0 {
            let k = left.min(16_384);
            buf.resize(4 * k, 0);
            self.read(&mut buf)?;
            out.extend(
                buf.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            left -= k;
        }
        self.buf = buf;
        Ok(out)
    }
    pub fn u64s(&mut self, max: u64) -> Result<Vec<u64>, SnapshotError> {
        let n = self.count_of(max, 8)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.u64()?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut e = Enc::new(Vec::new());
        e.u32(0xdead_beef).unwrap();
        e.str("Énergie").unwrap();
        e.u32s(&(0..40_000).collect::<Vec<u32>>()).unwrap();
        e.u64s(&[1, u64::MAX]).unwrap();
        let bytes = e.into_inner();
        let mut d = Dec::new(bytes.as_slice(), bytes.len() as u64);
        assert_eq!(d.u32().unwrap(), 0xdead_beef);
        assert_eq!(d.str().unwrap(), "Énergie");
        assert_eq!(d.u32s(1 << 20).unwrap(), (0..40_000).collect::<Vec<u32>>());
        assert_eq!(d.u64s(10).unwrap(), vec![1, u64::MAX]);
        assert!(d.u32().is_err());
    }

    #[test]
    fn absurd_counts_are_refused() {
        let mut e = Enc::new(Vec::new());
        e.u64(u64::MAX).unwrap();
        let bytes = e.into_inner();
        assert!(matches!(
            Dec::new(bytes.as_slice(), bytes.len() as u64).u32s(1 << 40),
            Err(SnapshotError::Format(_))
        ));
        // A count larger than the data: refused before any allocation.
        let mut e = Enc::new(Vec::new());
        e.u64(1000).unwrap();
        let bytes = e.into_inner();
        assert!(matches!(
            Dec::new(bytes.as_slice(), bytes.len() as u64).u32s(1 << 20),
            Err(SnapshotError::Format(_))
        ));
    }
}
