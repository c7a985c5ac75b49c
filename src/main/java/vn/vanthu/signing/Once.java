package vn.vanthu.signing;

import java.util.function.Supplier;

/**
 * A value made on first use, once. The demo keys, the Bouncy Castle provider and DSS's set-up cost
 * seconds of start-up that only the first signature or check needs ({@link SigningWarmUp} makes
 * them right after start).
 */
final class Once<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    Once(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = make.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
