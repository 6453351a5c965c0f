//! Sorted runs: two merged into one.

/// The items of two runs sorted by `less`, in one sorted run: on ties the
/// left run's items first, so merging the two halves of a stably sorted
/// list's order gives that order.
pub fn merge_runs<T: Copy>(left: &[T], right: &[T], less: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let (mut l, mut r) = (0, 0);
    let mut out = Vec::with_capacity(left.len() + right.len());
    while l < left.len() && r < right.len() {
        if less(&right[r], &left[l]) {
            out.push(right[r]);
            r += 1;
        } else {
            out.push(left[l]);
            l += 1;
        }
    }
    out.extend_from_slice(&left[l..]);
    out.extend_from_slice(&right[r..]);
    out
}

#[cfg(test)]
mod tests {
    use super::merge_runs;

    #[test]
    fn merges_keeping_the_left_run_first_on_ties() {
        let left = [(1, 'a'), (3, 'a'), (3, 'b'), (7, 'a')];
        let right = [(0, 'r'), (3, 'r'), (8, 'r')];
        let merged = merge_runs(&left, &right, |x, y| x.0 < y.0);
        assert_eq!(merged, [(0, 'r'), (1, 'a'), (3, 'a'), (3, 'b'), (3, 'r'), (7, 'a'), (8, 'r')]);
        assert_eq!(merge_runs::<u8>(&[], &[2, 1], |x, y| x < y), [2, 1]);
        assert_eq!(merge_runs::<u8>(&[5], &[], |x, y| x < y), [5]);
    }
}
