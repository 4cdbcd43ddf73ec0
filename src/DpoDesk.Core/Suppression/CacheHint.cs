using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DpoDesk.Suppression;

/// <summary>
/// Asks the processor to bring a location into its cache without waiting for it: a look-up into a
/// table larger than the caches can then be begun early and finished after other work. A hint only:
/// where the instruction does not exist, nothing happens.
/// </summary>
static class CacheHint
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Fetch<T>(ref T location)
        where T : unmanaged
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
    }
}
