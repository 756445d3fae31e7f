extension Array {
    /// Copies the elements into storage of their own size when the array has grown well past
    /// them (doubling leaves up to half unused), so tables kept for a while hold no slack.
    mutating func shrinkToFit() {
        guard capacity - count > count / 8 else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }
}
