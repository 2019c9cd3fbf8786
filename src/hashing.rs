//! SHA-256 computed on a helper thread, so hashing a large input does not hold up the
//! thread that reads, archives and encrypts it (on a 2-core laptop, hashing costs about as
//! much as encrypting). Small inputs are hashed in place: a thread would cost more.

use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

/// Inputs at least this big are hashed on a helper thread.
const THREADED_FROM: u64 = 4 << 20;
/// Bytes handed over at a time.
const BATCH: usize = 1 << 20;
/// Batches in flight (bounds the memory used).
const IN_FLIGHT: usize = 4;

pub enum Hasher {
    Inline(Sha256),
    Threaded {
        batch: Vec<u8>,
        tx: SyncSender<Vec<u8>>,
        handle: JoinHandle<[u8; 32]>,
    },
}

impl Hasher {
    /// A hasher for an input of about `size` bytes.
    pub fn for_size(size: u64) -> Hasher {
        if size < THREADED_FROM {
            return Hasher::Inline(Sha256::new());
        }
        let (tx, rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
        let spawned = std::thread::Builder::new()
            .name("hash".into())
            .spawn(move || -> [u8; 32] {
                let mut h = Sha256::new();
                for batch in rx {
                    h.update(&batch);
                }
                h.finalize().into()
            });
        let Ok(handle) = spawned else {
            // No thread to be had: hash here.
            return Hasher::Inline(Sha256::new());
        };
        Hasher::Threaded {
            batch: Vec::with_capacity(BATCH),
            tx,
            handle,
        }
    }

    pub fn update(&mut self, mut data: &[u8]) {
        match self {
            Hasher::Inline(h) => h.update(data),
            Hasher::Threaded { batch, tx, .. } => {
                while !data.is_empty() {
                    let n = data.len().min(BATCH - batch.len());
                    batch.extend_from_slice(&data[..n]);
                    data = &data[n..];
                    if batch.len() == BATCH {
                        let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
                        // The receiver only goes away if the helper panicked; `finish`
                        // then reports a digest that matches nothing.
                        let _ = tx.send(full);
                    }
                }
            }
        }
    }

    /// The SHA-256 of everything given to [`update`](Hasher::update), or `None` if the
    /// helper thread failed (the caller must then fail rather than record a wrong digest).
    pub fn finish(self) -> Option<[u8; 32]> {
        match self {
            Hasher::Inline(h) => Some(h.finalize().into()),
            Hasher::Threaded { batch, tx, handle } => {
                let sent = batch.is_empty() || tx.send(batch).is_ok();
                drop(tx);
                handle.join().ok().filter(|_| sent)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_give_the_same_digest() {
        let data: Vec<u8> = (0..(9u32 << 20)).map(|i| (i * 7 + i / 3) as u8).collect();
        let mut a = Hasher::for_size(0);
        let mut b = Hasher::for_size(data.len() as u64);
        assert!(matches!(b, Hasher::Threaded { .. }));
        for piece in data.chunks(8191) {
            a.update(piece);
            b.update(piece);
        }
        let expected: [u8; 32] = Sha256::digest(&data).into();
        assert_eq!(a.finish(), Some(expected));
        assert_eq!(b.finish(), Some(expected));
    }
}
