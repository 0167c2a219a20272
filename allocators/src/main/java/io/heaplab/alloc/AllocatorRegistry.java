package io.heaplab.alloc;

import io.heaplab.alloc.spi.AllocatorProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every allocator heaplab knows by name: its own and those contributed through {@link AllocatorProvider}
 * ({@link ServiceLoader}).
 *
 * @implSpec Immutable once loaded; thread-safe.
 */
public final class AllocatorRegistry {

    private final Map<String, AllocatorSpec> byName;

    private AllocatorRegistry(Map<String, AllocatorSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * {@return the registry of every provider visible to this class's class loader}
     *
     * @throws IllegalStateException if two providers register the same name
     */
    public static AllocatorRegistry load() {
        return of(ServiceLoader.load(AllocatorProvider.class, AllocatorRegistry.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * {@return a registry of the given providers' allocators, in order}
     *
     * @param providers the providers
     * @throws IllegalStateException if two providers register the same name
     */
    public static AllocatorRegistry of(List<? extends AllocatorProvider> providers) {
        Map<String, AllocatorSpec> map = new LinkedHashMap<>();
        for (AllocatorProvider provider : providers) {
            for (AllocatorSpec spec : provider.allocators()) {
                AllocatorSpec previous = map.putIfAbsent(spec.name(), spec);
                if (previous != null) {
                    throw new IllegalStateException("allocator name '" + spec.name() + "' is registered twice");
                }
            }
        }
        return new AllocatorRegistry(map);
    }

    /** {@return every registered allocator, in registration order} */
    public List<AllocatorSpec> all() {
        return List.copyOf(byName.values());
    }

    /**
     * {@return the registered allocators of one kind}
     *
     * @param kind the family
     */
    public List<AllocatorSpec> ofKind(AllocatorSpec.Kind kind) {
        List<AllocatorSpec> result = new ArrayList<>();
        for (AllocatorSpec spec : byName.values()) {
            if (spec.kind() == kind) {
                result.add(spec);
            }
        }
        return result;
    }

    /**
     * {@return the allocator registered under {@code name}, if any}
     *
     * @param name a registered name
     */
    public Optional<AllocatorSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * {@return the allocator registered under {@code name}}
     *
     * @param name a registered name
     * @throws IllegalArgumentException if no allocator has that name; the message lists the known names
     */
    public AllocatorSpec get(String name) {
        AllocatorSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown allocator '" + name + "'; known: " + String.join(", ", byName.keySet()));
        }
        return spec;
    }
}
