//! Order-preserving parallel map over a slice with scoped threads, for the
//! few batch steps that build many independent values (search documents of
//! merged deals, the `stat` of a directory's entries): one contiguous share
//! per core.

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
    let f = &f;
    std::thread::scope(|scope| {
        let shares: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|share| scope.spawn(move || share.iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for share in shares {
            // A panic in `f` is a bug: carry it to the caller as is.
            out.extend(share.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        out
    })
}

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
