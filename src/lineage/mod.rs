//! Series lineage: aligns each paragraph of a resolution with its counterpart in
//! the previous version of the series, and diffs their words.
