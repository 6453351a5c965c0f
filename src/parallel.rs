//! Order-preserving parallel map over a slice with scoped threads, for the
//! few batch steps that build many independent values (search documents of
//! merged deals, the `stat` of a directory's entries), in blocks the
//! threads take as they come free.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many items the calling thread does the work alone.
const PARALLEL_FROM: usize = 2048;

/// `items.iter().map(f).collect()`, the work cut between the cores.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    map_from(items, PARALLEL_FROM, f)
}

/// [`map`], in parallel from `from` items: fewer when each item costs a
/// system call rather than a few microseconds of work.
pub fn map_from<T: Sync, U: Send>(items: &[T], from: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    if threads == 1 || items.len() < from.max(2) {
        return items.iter().map(f).collect();
    }
    // Items can differ a lot in cost (a merged deal of thousands of reports
    // beside deals of one): the threads take small blocks as they come free
    // rather than one fixed share each, so none waits long for another.
    let block = items.len().div_ceil(threads * BLOCKS_PER_THREAD);
    let blocks: Vec<&[T]> = items.chunks(block).collect();
    let next = AtomicUsize::new(0);
    let (f, blocks, next) = (&f, &blocks, &next);
    let mut done: Vec<(usize, Vec<U>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(share) = blocks.get(i) else { return mine };
                        mine.push((i, share.iter().map(f).collect::<Vec<U>>()));
                    }
                })
            })
            .collect();
        // A panic in `f` is a bug: carry it to the caller as is.
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    let mut out = Vec::with_capacity(items.len());
    for (_, values) in done {
        out.extend(values);
    }
    out
}

/// Blocks per thread: enough to even out uneven items, few enough that
/// claiming one costs nothing next to its work.
const BLOCKS_PER_THREAD: usize = 16;

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_at_every_size() {
        for n in [0, 1, 2047, 2048, 2049, 10_001] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(super::map(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
