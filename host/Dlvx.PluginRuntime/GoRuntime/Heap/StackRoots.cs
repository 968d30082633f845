using System.Globalization;
using Dlvx.PluginRuntime.GoRuntime.Goroutines;
using Dlvx.Sdk;
using Dlvx.Sdk.Delve;
using Dlvx.Sdk.Runtime;

namespace Dlvx.PluginRuntime.GoRuntime.Heap;

/// <summary>
/// Every live goroutine's stack from its stack pointer to its top, and the registers of threads
/// running goroutines. Words are taken conservatively (any word that points at an allocated slot),
/// as the collector does for an asynchronously preempted frame: a stopped target may be stopped
/// anywhere, so frame pointer maps do not apply. Each word is named after its frame and, where Delve
/// knows one there, the variable holding it, which also types it.
/// </summary>
/// <remarks>
/// Unwinding costs one Delve Stacktrace per distinct stack shape, not per goroutine: goroutines
/// parked at the same pc at the same depth are unwound once, and each member is checked by its own
/// return addresses (each frame's is just below its CFA) before it borrows the representative's frames.
/// The file is a little over 300 lines because reading the stacks, the registers and the frames'
/// variables are three steps of one pass over the same goroutines.
/// </remarks>
internal sealed class StackRoots(IDelveClient delve, IRuntimeLayout layout, TargetMemory memory, SpanTable spans, ViewCatalog views, TypeShapes shapes, IReadOnlyList<AllGoroutines.Entry> goroutines)
{
    private const int MaxFrames = 512;
    private const int StacksPerRead = 4096;

    private static readonly LoadConfig Bare = new() { FollowPointers = false, MaxVariableRecurse = 0, MaxStringLen = 0, MaxArrayValues = 0, MaxStructFields = 0 };

    private readonly Dictionary<(string Function, ulong Pc), Task<IReadOnlyList<(long Offset, Variable Variable)>>> frameVariables = [];

    /// <summary>
    /// Whether goroutines of one stack shape share one unwind (the default). <c>DLVX_UNWIND_EVERY_STACK=1</c>
    /// unwinds every goroutine with Delve instead: far slower, and the same roots, which is what the
    /// tests check it against.
    /// </summary>
    public bool ShareUnwinds { get; init; } = Environment.GetEnvironmentVariable("DLVX_UNWIND_EVERY_STACK") != "1";

    /// <summary>How many Stacktrace calls unwinding cost.</summary>
    public int Unwinds { get; private set; }

    public async Task AddAsync(RootSet roots, IProgress<CommandProgress>? progress, CancellationToken cancellationToken)
    {
        var stacks = await ReadStacksAsync(cancellationToken);
        var registers = await ReadRegistersAsync(stacks, cancellationToken);
        foreach (var stack in stacks)
        {
            roots.Stacks[stack.Id] = stack;
        }

        // One chunk of stacks at a time, each dropped once its words are roots: a stack's live part is
        // a few hundred bytes, read straight from a local process (whole cached blocks of a hundred
        // thousand stacks, all held until the last was unwound, were most of a 1.5 GB peak).
        progress?.Report(new CommandProgress($"{stacks.Count} goroutine stacks; unwinding those that point into the heap"));
        var representatives = new Dictionary<(ulong Pc, ulong Depth), (GoroutineStack Stack, byte[] Bytes, IReadOnlyList<Stackframe> Frames)>();
        foreach (var chunk in stacks.Chunk(StacksPerRead))
        {
            var contents = await memory.ReadSparseAsync(chunk.Select(s => new MemoryRange(s.Low, (int)(s.High - s.Low))).ToList(), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                var stack = chunk[i];
                var bytes = contents[i] ?? throw new TargetMemoryException($"cannot read {stack.High - stack.Low} bytes of target memory at 0x{stack.Low:x}");
                var words = new List<(ulong, ulong)>();
                for (var at = 0; at + 8 <= bytes.Length; at += 8)
                {
                    var value = BitConverter.ToUInt64(bytes, at);
                    if (value != 0 && spans.FindSlot(value, out _) >= 0)
                    {
                        words.Add((stack.Low + (ulong)at, value));
                    }
                }

                if (words.Count > 0)
                {
                    var frames = await FramesAsync(stack, bytes, representatives, cancellationToken);
                    await AddWordsAsync(roots, stack, bytes, frames, words, cancellationToken);
                }
            }
        }

        foreach (var (thread, goroutine, values) in registers)
        {
            var root = roots.Root(string.Create(CultureInfo.InvariantCulture, $"goroutine {goroutine} registers (thread {thread})"), HeapRootKind.Register, goroutine);
            foreach (var value in values.Where(v => v != 0 && spans.FindSlot(v, out _) >= 0))
            {
                roots.Words.Add(new RootWord(0, value, root, Hint.Untyped));
            }
        }
    }

    private async Task<List<GoroutineStack>> ReadStacksAsync(CancellationToken cancellationToken)
    {
        var g = await layout.GetStructAsync("runtime.g", cancellationToken);
        var stack = await layout.GetStructAsync(g.Field("stack").TypeName, cancellationToken);
        var gobuf = await layout.GetStructAsync(g.Field("sched").TypeName, cancellationToken);
        var dead = await layout.FindConstantAsync("runtime._Gdead", cancellationToken) ?? throw await layout.MissingAsync("constant runtime._Gdead", cancellationToken);
        var deadExtra = await layout.FindConstantAsync("runtime._Gdeadextra", cancellationToken);
        var idle = await layout.FindConstantAsync("runtime._Gidle", cancellationToken) ?? 0;
        var running = await layout.FindConstantAsync("runtime._Grunning", cancellationToken) ?? 2;
        var scanBit = await layout.FindConstantAsync("runtime._Gscan", cancellationToken) ?? 0x1000;
        var threads = (await delve.ListThreadsAsync(cancellationToken)).Where(t => t.GoroutineId > 0).GroupBy(t => t.GoroutineId).ToDictionary(t => t.Key, t => t.First());

        var status = g.Field("atomicstatus");
        var result = new List<GoroutineStack>();
        foreach (var bytes in goroutines.Select(e => e.Bytes).OfType<byte[]>())
        {
            // atomicstatus is a uint32, or an atomic.Uint32 whose value is its only non-empty field.
            var state = (long)(BitConverter.ToUInt32(bytes, (int)status.Offset) & ~(ulong)scanBit);
            if (state == dead || state == idle || state == deadExtra)
            {
                continue;
            }

            var id = (long)g.Field("goid").Read(bytes);
            var low = stack.Field("lo").Read(bytes.AsSpan((int)g.Field("stack").Offset));
            var high = stack.Field("hi").Read(bytes.AsSpan((int)g.Field("stack").Offset));
            var sched = bytes.AsSpan((int)g.Field("sched").Offset);
            var syscallSp = g.Field("syscallsp").Read(bytes);
            var sp = syscallSp != 0 ? syscallSp : gobuf.Field("sp").Read(sched);
            var pc = syscallSp != 0 ? g.Field("syscallpc").Read(bytes) : gobuf.Field("pc").Read(sched);
            var thread = 0;
            if (state == running && threads.TryGetValue(id, out var onThread))
            {
                thread = onThread.Id;
                pc = onThread.Pc;
            }

            if (state == running && (sp < low || sp >= high))
            {
                // gogo clears g.sched.sp of the goroutine it runs: start from the stack's bottom
                // (conservatively, the whole stack); the thread's stack pointer narrows it below.
                sp = low;
            }

            if (high > low && sp >= low && sp < high)
            {
                result.Add(new GoroutineStack(id, sp, high, pc, thread, low));
            }
        }

        return result;
    }

    // A running goroutine's stack pointer is in its thread's registers, as are values the collector
    // would find conservatively after preempting it.
    private async Task<List<(int Thread, long Goroutine, List<ulong> Values)>> ReadRegistersAsync(List<GoroutineStack> stacks, CancellationToken cancellationToken)
    {
        var result = new List<(int, long, List<ulong>)>();
        for (var i = 0; i < stacks.Count; i++)
        {
            var stack = stacks[i];
            if (stack.OnThread == 0)
            {
                continue;
            }

            RegistersResult registers;
            try
            {
                registers = await delve.CallAsync<RegistersResult>("RPCServer.ListRegisters", new { ThreadID = stack.OnThread, IncludeFp = false }, cancellationToken);
            }
            catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
            {
                continue;
            }

            var values = new List<ulong>();
            foreach (var register in registers.Regs ?? [])
            {
                if (ulong.TryParse(register.Value.AsSpan(register.Value.StartsWith("0x", StringComparison.Ordinal) ? 2 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
                {
                    if (string.Equals(register.Name, "Rsp", StringComparison.OrdinalIgnoreCase))
                    {
                        // On its own stack the thread's stack pointer is current; on the system stack,
                        // g.sched (saved when it switched) is.
                        if (value >= stack.Bottom && value < stack.High)
                        {
                            stacks[i] = stack with { Low = value };
                        }
                    }
                    else if (!register.Name.StartsWith("Rip", StringComparison.OrdinalIgnoreCase))
                    {
                        values.Add(value);
                    }
                }
            }

            result.Add((stack.OnThread, stack.Id, values));
        }

        return result;
    }

    private async Task<IReadOnlyList<Stackframe>> FramesAsync(GoroutineStack stack, byte[] bytes, Dictionary<(ulong, ulong), (GoroutineStack Stack, byte[] Bytes, IReadOnlyList<Stackframe> Frames)> representatives, CancellationToken cancellationToken)
    {
        var key = (stack.Pc, stack.High - stack.Low);
        if (ShareUnwinds && stack.OnThread == 0 && representatives.TryGetValue(key, out var representative) && ReturnAddresses.Match(representative.Frames, stack.High, stack.Low, bytes))
        {
            return representative.Frames;
        }

        IReadOnlyList<Stackframe> frames;
        try
        {
            Unwinds++;
            frames = await delve.StacktraceAsync(stack.Id, MaxFrames, null, cancellationToken);
        }
        catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
        {
            frames = [];
        }

        if (stack.OnThread == 0)
        {
            representatives.TryAdd(key, (stack, bytes, frames));
        }

        return frames;
    }

    private async Task AddWordsAsync(RootSet roots, GoroutineStack stack, byte[] bytes, IReadOnlyList<Stackframe> frames, List<(ulong Address, ulong Value)> words, CancellationToken cancellationToken)
    {
        foreach (var (address, value) in words)
        {
            // The innermost frame whose CFA is above the word owns it.
            var index = -1;
            for (var i = 0; i < frames.Count; i++)
            {
                if ((long)address < (long)stack.High + frames[i].FrameOffset)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                roots.Words.Add(new RootWord(address, value, roots.Root(string.Create(CultureInfo.InvariantCulture, $"goroutine {stack.Id} stack"), HeapRootKind.Stack, stack.Id), Hint.Untyped));
                continue;
            }

            var frame = frames[index];
            var function = frame.Function?.Name ?? "?";
            var cfa = (long)stack.High + frame.FrameOffset;
            var hint = Hint.Untyped;
            var name = string.Create(CultureInfo.InvariantCulture, $"goroutine {stack.Id} frame {index} {function}");
            foreach (var (offset, variable) in await VariablesAsync(stack, index, frame, cancellationToken))
            {
                var start = (ulong)(cfa + offset);
                var shape = await shapes.GetAsync(variable.Type, start, cancellationToken);
                if (address >= start && (address < start + Math.Max(shape.Size, 8)))
                {
                    name += ": " + variable.Name;
                    var view = await views.ValueAsync(variable.Type, cancellationToken);
                    if (views[view].Shape is not null)
                    {
                        var from = (int)(start - stack.Low);
                        var length = (int)Math.Min(shape.Size, (ulong)(bytes.Length - from));
                        hint = (await views.DescribeAsync(views[view], new ObjectBytes(bytes, from, length, start), (long)(address - start), cancellationToken)) with { Weak = true };
                    }

                    break;
                }
            }

            roots.Words.Add(new RootWord(address, value, roots.Root(name, HeapRootKind.Stack, stack.Id), hint));
        }
    }

    // A frame's locals and arguments, by offset from its CFA: fetched once per function and pc.
    private Task<IReadOnlyList<(long Offset, Variable Variable)>> VariablesAsync(GoroutineStack stack, int index, Stackframe frame, CancellationToken cancellationToken)
    {
        var key = (frame.Function?.Name ?? "?", frame.Pc);
        if (!frameVariables.TryGetValue(key, out var task))
        {
            frameVariables[key] = task = LoadAsync();
        }

        return task;

        async Task<IReadOnlyList<(long, Variable)>> LoadAsync()
        {
            var scope = new EvalScope { GoroutineId = stack.Id, Frame = index };
            var cfa = (long)stack.High + frame.FrameOffset;
            try
            {
                var locals = await delve.ListLocalVarsAsync(scope, Bare, cancellationToken);
                var arguments = await delve.ListFunctionArgsAsync(scope, Bare, cancellationToken);
                return locals.Concat(arguments)
                    .Where(v => v.Addr != 0 && v.Unreadable.Length == 0 && v.Addr >= stack.Low && v.Addr < stack.High)
                    .Select(v => ((long)v.Addr - cfa, v))
                    .ToList();
            }
            catch (DelveException e) when (e is not TargetRunningException and not ProcessExitedException and not DelveConnectionException)
            {
                return [];
            }
        }
    }

    private sealed class RegistersResult
    {
        public List<Register>? Regs { get; set; }
    }

    private sealed class Register
    {
        public string Name { get; set; } = "";

        public string Value { get; set; } = "";
    }
}
