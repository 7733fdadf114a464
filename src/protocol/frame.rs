//! Length-prefixed frames: a 4-byte big-endian payload length, then the payload, one JSON
//! value. Reading refuses a length over [`super::MAX_FRAME`] before allocating it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{self, Read, Write};

/// Why a frame could not be read or written (`Display` is the debug form: it only reaches
/// the server's log).
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The peer closed the connection between frames.
    #[error("{self:?}")]
    Closed,
    /// The announced length exceeds the limit (bytes announced).
    #[error("{self:?}")]
    TooLong(u32),
    /// The payload is not a value of the expected type (the decoder's words).
    #[error("{self:?}")]
    Decode(String),
    /// The socket failed, or closed inside a frame.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes `value` as one frame and flushes. Errors: I/O; a value encoding to more than
/// `MAX_FRAME` bytes is refused with `TooLong` before anything is written.
pub fn write_frame<T: Serialize>(w: &mut impl Write, value: &T) -> Result<(), FrameError> {
    let body = serde_json::to_vec(value).map_err(|e| FrameError::Decode(e.to_string()))?;
    let len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    if len > super::MAX_FRAME {
        return Err(FrameError::TooLong(len));
    }
    let mut buf = Vec::with_capacity(4 + body.len());
    buf.extend_from_slice(&len.to_be_bytes());
    buf.extend_from_slice(&body);
    w.write_all(&buf)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame and decodes it. `Closed` when the peer closed cleanly before a new
/// frame; `Io(UnexpectedEof)` when it closed inside one.
pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> Result<T, FrameError> {
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut head[got..]) {
            Ok(0) if got == 0 => return Err(FrameError::Closed),
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = u32::from_be_bytes(head);
    if len > super::MAX_FRAME {
        return Err(FrameError::TooLong(len));
    }
    let mut body = vec![0u8; len as usize];
    r.read_exact(&mut body)?;
    serde_json::from_slice(&body).map_err(|e| FrameError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_a_long_one_is_refused_before_allocation() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &vec!["créneau", "pris"]).unwrap();
        assert_eq!(&buf[..4], &(buf.len() as u32 - 4).to_be_bytes());
        let back: Vec<String> = read_frame(&mut buf.as_slice()).unwrap();
        assert_eq!(back, ["créneau", "pris"]);

        let mut long = (super::super::MAX_FRAME + 1).to_be_bytes().to_vec();
        long.extend_from_slice(b"[]");
        let e = read_frame::<Vec<String>>(&mut long.as_slice()).unwrap_err();
        assert!(matches!(e, FrameError::TooLong(_)), "{e:?}");
    }

    #[test]
    fn end_of_stream_between_frames_is_closed_and_inside_one_is_an_error() {
        assert!(matches!(
            read_frame::<u32>(&mut &b""[..]),
            Err(FrameError::Closed)
        ));
        assert!(matches!(
            read_frame::<u32>(&mut &[0u8, 0, 0, 9, b'1'][..]),
            Err(FrameError::Io(_))
        ));
        assert!(matches!(
            read_frame::<u32>(&mut &[0u8, 0, 0, 1, b'x'][..]),
            Err(FrameError::Decode(_))
        ));
    }
}
