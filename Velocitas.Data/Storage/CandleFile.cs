using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Storage;

/// <summary>
/// Which version of which dataset a candle file holds: the dataset's id, its candle count, first and last open time and when the dataset was
/// created (Unix milliseconds, as the database stores them). A file whose stamp differs from the dataset's row is stale.
/// </summary>
public readonly record struct CandleFileStamp(long DatasetId, long Count, long FirstMs, long LastMs, long CreatedMs);

/// <summary>
/// The binary candle file of one dataset: a 64-byte header (magic, version, <see cref="CandleFileStamp"/>, a 64-bit
/// XxHash3 of everything after the header) and blocks of up to <see cref="BlockSize"/> candles in columns — open
/// times (Unix ms, as 4-byte offsets from the block's first when they fit), volumes (double bits), then each price's
/// decimal mantissa divided by the largest power of ten common to the block (4 bytes when the block fits, else 8)
/// and its decimal scale (once per block when all agree) — so every price comes back exactly as stored, scale
/// included: about 28 bytes per one-minute candle. Reading checks every field it can (stamp, block layout,
/// ascending times, hash, length) and answers null for anything it would not trust.
/// </summary>
internal static class CandleFile
{
    /// <summary>Candles per block.</summary>
    public const int BlockSize = 16_384;

    private const uint Magic = 0x46434C56; // "VLCF"
    private const int Version = 1;
    private const int HeaderSize = 64;
    private const int BlockHeaderSize = 32;
    private const int MaxBlockBytes = BlockHeaderSize + BlockSize * (8 + 8 + 4 * 9);

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000];

    /// <summary>
    /// True when every price has a mantissa of at most 63 bits (always, for real prices); others are not written
    /// (the dataset is then read from the database).
    /// </summary>
    public static bool CanHold(ReadOnlySpan<Candle> candles)
    {
        if (!BitConverter.IsLittleEndian) return false;
        foreach (ref readonly var c in candles)
        {
            if (!Compact(c.Open, out _, out _) || !Compact(c.High, out _, out _) || !Compact(c.Low, out _, out _) || !Compact(c.Close, out _, out _))
                return false;
        }
        return true;
    }

    /// <summary>Writes <paramref name="candles"/> (which <see cref="CanHold"/> accepted) to the start of a seekable stream.</summary>
    public static void Write(Stream stream, CandleFileStamp stamp, ReadOnlySpan<Candle> candles)
    {
        var hash = new XxHash3();
        stream.Write(new byte[HeaderSize]);
        var buffer = new byte[MaxBlockBytes];
        for (int start = 0; start < candles.Length; start += BlockSize)
        {
            var block = candles.Slice(start, Math.Min(BlockSize, candles.Length - start));
            int length = EncodeBlock(block, buffer);
            hash.Append(buffer.AsSpan(0, length));
            stream.Write(buffer, 0, length);
        }
        stream.Position = 0;
        stream.Write(Header(stamp, hash.GetCurrentHashAsUInt64()));
        stream.Flush();
    }

    /// <summary>The candles of a file whose stamp is <paramref name="expected"/>, or null when it is stale, damaged or not a candle file.</summary>
    public static Candle[]? TryRead(Stream stream, CandleFileStamp expected)
    {
        if (ReadHeader(stream, expected) is not { } storedHash) return null;
        var stamp = expected;

        var candles = GC.AllocateUninitializedArray<Candle>((int)stamp.Count); // every candle is written below (or the array is dropped)
        var hash = new XxHash3();
        // blocks are read and hashed in file order, a batch of them at a time, and each batch is decoded on every core
        int batch = Math.Max(1, Environment.ProcessorCount);
        var buffers = new byte[batch][];
        for (int k = 0; k < batch; k++) buffers[k] = new byte[MaxBlockBytes];
        var blocks = new (BlockLayout Layout, int Offset, long First, long Last, bool Valid)[batch];
        int filled = 0;
        long previous = long.MinValue;
        while (filled < candles.Length)
        {
            int count = 0;
            for (; count < batch && filled < candles.Length; count++)
            {
                var layout = ReadBlock(stream, buffers[count], hash, candles.Length - filled);
                if (layout is null) return null;
                blocks[count] = (layout, filled, 0, 0, false);
                filled += layout.Count;
            }
            Parallel.For(0, count, k =>
            {
                var (layout, offset, _, _, _) = blocks[k];
                long last = long.MinValue;
                bool valid = DecodeBlock(buffers[k].AsSpan(0, layout.Bytes), layout, 0, candles.AsSpan(offset, layout.Count), ref last);
                blocks[k] = (layout, offset, valid ? candles[offset].Time.ToUnixTimeMilliseconds() : 0, last, valid);
            });
            for (int k = 0; k < count; k++)
            {
                if (!blocks[k].Valid || blocks[k].First <= previous) return null;
                previous = blocks[k].Last;
            }
        }
        if (stream.ReadByte() >= 0 || hash.GetCurrentHashAsUInt64() != storedHash) return null;
        if (candles[0].Time.ToUnixTimeMilliseconds() != stamp.FirstMs || previous != stamp.LastMs) return null;
        return candles;
    }

    /// <summary>
    /// One block of at most <see cref="BlockSize"/> candles (which <see cref="CanHold"/> accepted), encoded as a file block
    /// is, for a row of the database (<see cref="Velocitas.Data.Entities.CandleBlockEntity"/>).
    /// </summary>
    public static byte[] EncodeRow(ReadOnlySpan<Candle> block)
    {
        if (block.IsEmpty || block.Length > BlockSize) throw new ArgumentOutOfRangeException(nameof(block), block.Length, $"A block holds 1 to {BlockSize} candles.");
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxBlockBytes); // not a fresh 0.8 MB a block
        try
        {
            int length = EncodeBlock(block, buffer);
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes a file from blocks already encoded (<see cref="EncodeRow"/>, in time order) as they come: an empty header
    /// first, then each block (hashed), then the header with <see cref="Complete"/>'s stamp and the hash.
    /// </summary>
    public sealed class Writer(Stream stream)
    {
        private readonly XxHash3 _hash = new();
        private bool _started;

        /// <summary>Appends the next block.</summary>
        public void Append(ReadOnlySpan<byte> block)
        {
            if (!_started)
            {
                stream.Write(new byte[HeaderSize]);
                _started = true;
            }
            _hash.Append(block);
            stream.Write(block);
        }

        /// <summary>Writes the header; the file is then complete.</summary>
        public void Complete(CandleFileStamp stamp)
        {
            if (!_started) throw new InvalidOperationException("A candle file needs at least one block.");
            stream.Position = 0;
            stream.Write(Header(stamp, _hash.GetCurrentHashAsUInt64()));
            stream.Flush();
        }
    }

    /// <summary>
    /// Decodes a database block into <paramref name="target"/> (exactly its candle count long); false when it is not a
    /// valid block of that many candles in ascending time.
    /// </summary>
    public static bool TryDecodeRow(ReadOnlySpan<byte> data, Span<Candle> target)
    {
        if (!BitConverter.IsLittleEndian || data.Length < BlockHeaderSize) return false;
        var layout = BlockLayout.Read(data);
        if (layout is null || layout.Count != target.Length || layout.Bytes != data.Length) return false;
        long previous = long.MinValue;
        return DecodeBlock(data, layout, 0, target, ref previous);
    }

    /// <summary>
    /// The candles of a file whose stamp is <paramref name="expected"/> kept as its blocks (~28 bytes a candle; decoded
    /// as they are read, <see cref="CompactCandles"/>). Checked like <see cref="TryRead"/> (stamp, layouts, hash, length,
    /// every block full but the last, blocks in time order by their first and last candles); the candles inside a block
    /// are checked as they are decoded. Null when the file is stale, damaged or not a candle file.
    /// </summary>
    public static CompactCandles? TryReadCompact(Stream stream, CandleFileStamp expected)
    {
        if (ReadHeader(stream, expected) is not { } storedHash) return null;
        var stamp = expected;

        var hash = new XxHash3();
        var blocks = new List<byte[]>((int)((stamp.Count + BlockSize - 1) / BlockSize));
        var layouts = new List<BlockLayout>();
        Span<byte> blockHeader = stackalloc byte[BlockHeaderSize];
        long filled = 0;
        while (filled < stamp.Count)
        {
            // each block is read straight into its own array (no scratch copy) and hashed there
            var layout = ReadBlockHeader(stream, blockHeader, (int)Math.Min(BlockSize, stamp.Count - filled));
            if (layout is null || (filled + layout.Count < stamp.Count && layout.Count != BlockSize)) return null; // every block but the last is full
            var block = GC.AllocateUninitializedArray<byte>(layout.Bytes); // filled whole just below
            blockHeader.CopyTo(block);
            if (!ReadBlockBody(stream, block, layout, hash)) return null;
            blocks.Add(block);
            layouts.Add(layout);
            filled += layout.Count;
        }
        if (stream.ReadByte() >= 0 || hash.GetCurrentHashAsUInt64() != storedHash) return null;

        // blocks in order: each one's first and last candle (the candles inside a block are checked as they are decoded)
        Span<Candle> edge = stackalloc Candle[1];
        long previous = long.MinValue, first = 0;
        for (int k = 0; k < blocks.Count; k++)
        {
            long ignored = long.MinValue;
            if (!DecodeBlock(blocks[k], layouts[k], 0, edge, ref ignored)) return null;
            long start = edge[0].Time.ToUnixTimeMilliseconds();
            ignored = long.MinValue;
            if (!DecodeBlock(blocks[k], layouts[k], layouts[k].Count - 1, edge, ref ignored)) return null;
            long end = edge[0].Time.ToUnixTimeMilliseconds();
            if (start <= previous || end < start || (end == start && layouts[k].Count > 1)) return null;
            if (k == 0) first = start;
            previous = end;
        }
        if (first != stamp.FirstMs || previous != stamp.LastMs) return null;
        return CompactCandles.Create([.. blocks], [.. layouts], (int)stamp.Count);
    }

    /// <summary>A dataset's candles held as candle-file blocks and decoded as they are read (every block but the last holds <see cref="BlockSize"/>).</summary>
    public sealed class CompactCandles : CandleSeries
    {
        private readonly byte[][] _blocks;
        private readonly BlockLayout[] _layouts;

        private CompactCandles(byte[][] blocks, BlockLayout[] layouts, int count)
        {
            (_blocks, _layouts) = (blocks, layouts);
            Count = count;
        }

        internal static CompactCandles Create(byte[][] blocks, BlockLayout[] layouts, int count) => new(blocks, layouts, count);

        /// <inheritdoc />
        public override int Count { get; }

        /// <summary>Bytes held (the encoded blocks).</summary>
        public long Bytes => _blocks.Sum(b => (long)b.Length);

        // the last block read one candle at a time on this thread (charts and plots index a series candle by candle)
        // (the owner by number, so a thread never keeps a series it no longer reads alive)
        [ThreadStatic] private static (long Owner, int Block, Candle[]? Decoded) t_last;
        private static long s_instances;
        private readonly long _instance = Interlocked.Increment(ref s_instances);

        /// <inheritdoc />
        protected override Candle At(int index)
        {
            int block = index / BlockSize;
            var last = t_last;
            if (last.Owner != _instance || last.Block != block || last.Decoded is null)
            {
                var decoded = last.Decoded ?? new Candle[BlockSize];
                CopyTo(block * BlockSize, decoded.AsSpan(0, _layouts[block].Count));
                t_last = last = (_instance, block, decoded);
            }
            return last.Decoded![index % BlockSize];
        }

        /// <inheritdoc />
        public override void CopyTo(int start, Span<Candle> into)
        {
            if ((uint)start > (uint)Count || into.Length > Count - start) throw new ArgumentOutOfRangeException(nameof(start), start, $"Candles {start}..{start + into.Length} are outside the series of {Count}.");
            while (!into.IsEmpty)
            {
                int block = start / BlockSize, at = start % BlockSize;
                int n = Math.Min(into.Length, _layouts[block].Count - at);
                long previous = long.MinValue;
                if (!DecodeBlock(_blocks[block], _layouts[block], at, into[..n], ref previous))
                    throw new InvalidDataException($"The dataset's candle file holds a damaged block ({block}): a time out of order or a price it cannot hold. Delete candles/*.vcf to have it rewritten from the database.");
                into = into[n..];
                start += n;
            }
        }
    }

    /// <summary>Reads the file's header; the payload's stored hash when it is a candle file of this version stamped <paramref name="expected"/>, else null.</summary>
    private static ulong? ReadHeader(Stream stream, CandleFileStamp expected)
    {
        if (!BitConverter.IsLittleEndian || expected.Count <= 0 || expected.Count > Array.MaxLength) return null;
        Span<byte> header = stackalloc byte[HeaderSize];
        if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize) return null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic || BinaryPrimitives.ReadInt32LittleEndian(header[4..]) != Version) return null;
        var stamp = new CandleFileStamp(ReadLong(header, 48), ReadLong(header, 8), ReadLong(header, 16), ReadLong(header, 24), ReadLong(header, 32));
        return stamp == expected ? BinaryPrimitives.ReadUInt64LittleEndian(header[40..]) : null;
    }

    /// <summary>Reads and hashes one block into <paramref name="buffer"/>; its layout, or null when it is not a valid block of at most <paramref name="room"/> candles.</summary>
    private static BlockLayout? ReadBlock(Stream stream, byte[] buffer, XxHash3 hash, int room) =>
        ReadBlockHeader(stream, buffer, room) is { } layout && ReadBlockBody(stream, buffer, layout, hash) ? layout : null;

    /// <summary>Reads a block's header into <paramref name="header"/>; its layout, or null when it is not a valid block of at most <paramref name="room"/> candles.</summary>
    private static BlockLayout? ReadBlockHeader(Stream stream, Span<byte> header, int room)
    {
        if (stream.ReadAtLeast(header[..BlockHeaderSize], BlockHeaderSize, throwOnEndOfStream: false) < BlockHeaderSize) return null;
        var layout = BlockLayout.Read(header);
        return layout is null || layout.Count <= 0 || layout.Count > room ? null : layout;
    }

    /// <summary>Reads the rest of a block whose header is already in <paramref name="block"/>, then hashes the whole block; false when the file ends first.</summary>
    private static bool ReadBlockBody(Stream stream, byte[] block, BlockLayout layout, XxHash3 hash)
    {
        int rest = layout.Bytes - BlockHeaderSize;
        if (stream.ReadAtLeast(block.AsSpan(BlockHeaderSize, rest), rest, throwOnEndOfStream: false) < rest) return false;
        hash.Append(block.AsSpan(0, layout.Bytes));
        return true;
    }

    private static int EncodeBlock(ReadOnlySpan<Candle> block, byte[] buffer)
    {
        int n = block.Length;
        var layout = BlockLayout.Of(block);
        layout.Write(buffer);
        int at = BlockHeaderSize;
        if (layout.TimeWidth == 4)
        {
            var offsets = MemoryMarshal.Cast<byte, uint>(buffer.AsSpan(at, 4 * n));
            for (int i = 0; i < n; i++) offsets[i] = (uint)(block[i].Time.ToUnixTimeMilliseconds() - layout.TimeBase);
        }
        else
        {
            var times = MemoryMarshal.Cast<byte, long>(buffer.AsSpan(at, 8 * n));
            for (int i = 0; i < n; i++) times[i] = block[i].Time.ToUnixTimeMilliseconds();
        }
        at += layout.TimeWidth * n;
        var volumes = MemoryMarshal.Cast<byte, double>(buffer.AsSpan(at, 8 * n));
        for (int i = 0; i < n; i++) volumes[i] = block[i].Volume;
        at += 8 * n;
        for (int p = 0; p < 4; p++)
        {
            var column = layout.Prices[p];
            long divisor = Pow10[column.Power];
            bool perCandleScale = column.Scale == BlockLayout.ScalePerCandle;
            var scales = buffer.AsSpan(at + column.Width * n, perCandleScale ? n : 0);
            for (int i = 0; i < n; i++)
            {
                Compact(Price(block[i], p), out long m, out byte scale);
                if (perCandleScale) scales[i] = scale;
                if (column.Width == 4) BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4 * i), (int)(m / divisor));
                else BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at + 8 * i), m / divisor);
            }
            at += column.Width * n + scales.Length;
        }
        return at;
    }

    /// <summary>Decodes the block's candles from <paramref name="first"/> into all of <paramref name="target"/>; false at a time out of order or a price it cannot hold.</summary>
    /// <remarks>Optimised from its first call: it runs once a block (some 600 times for 10 M candles), so tiering would
    /// leave it unoptimised for most of a first backtest.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool DecodeBlock(ReadOnlySpan<byte> block, BlockLayout layout, int first, Span<Candle> target, ref long previous)
    {
        int n = layout.Count;
        int at = BlockHeaderSize;
        int timeAt = at;
        at += layout.TimeWidth * n;
        var volumes = MemoryMarshal.Cast<byte, double>(block.Slice(at, 8 * n));
        at += 8 * n;
        var open = new PriceReader(block, ref at, layout.Prices[0], n);
        var high = new PriceReader(block, ref at, layout.Prices[1], n);
        var low = new PriceReader(block, ref at, layout.Prices[2], n);
        var close = new PriceReader(block, ref at, layout.Prices[3], n);
        bool narrowTimes = layout.TimeWidth == 4;
        var offsets = MemoryMarshal.Cast<byte, uint>(block.Slice(timeAt, narrowTimes ? 4 * n : 0));
        var times = MemoryMarshal.Cast<byte, long>(block.Slice(timeAt, narrowTimes ? 0 : 8 * n));
        long last = previous;
        for (int i = first; i < first + target.Length; i++)
        {
            long t = narrowTimes ? layout.TimeBase + offsets[i] : times[i];
            if (t <= last || t < -62_135_596_800_000 || t > 253_402_300_799_999) return false;
            last = t;
            if (!(open.Holds(i) && high.Holds(i) && low.Holds(i) && close.Holds(i))) return false;
            target[i - first] = new Candle(DateTimeOffset.FromUnixTimeMilliseconds(t), open.At(i), high.At(i), low.At(i), close.At(i), volumes[i]);
            previous = t;
        }
        return true;
    }

    /// <summary>
    /// One price column of a block, read candle by candle: its reduced mantissas (4 or 8 bytes), their common power of
    /// ten and the scale (the block's, or one byte per candle). Each price is built where the candle is built, so its
    /// parts go from registers into the candle: a nullable decimal returned through memory, or one reinterpreted from
    /// memory, is read back whole before its parts' stores have landed, and that stall made decoding a candle cost
    /// 50 ns instead of 12.
    /// </summary>
    private readonly ref struct PriceReader
    {
        private readonly ReadOnlySpan<int> _narrow;
        private readonly ReadOnlySpan<long> _wide;
        private readonly ReadOnlySpan<byte> _scales;
        private readonly long _multiplier;
        private readonly int _scale;

        public PriceReader(ReadOnlySpan<byte> block, ref int at, PriceColumn column, int n)
        {
            bool narrow = column.Width == 4;
            _narrow = MemoryMarshal.Cast<byte, int>(block.Slice(at, narrow ? 4 * n : 0));
            _wide = MemoryMarshal.Cast<byte, long>(block.Slice(at, narrow ? 0 : 8 * n));
            at += column.Width * n;
            bool perCandle = column.Scale == BlockLayout.ScalePerCandle;
            _scales = block.Slice(at, perCandle ? n : 0);
            at += _scales.Length;
            _scale = perCandle ? -1 : column.Scale; // a block's scale was checked when its header was read
            _multiplier = Pow10[column.Power];
        }

        /// <summary>False when candle <paramref name="i"/>'s price has a scale a decimal cannot have.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Holds(int i) => _scale >= 0 || _scales[i] <= 28;

        /// <summary>Candle <paramref name="i"/>'s price, exactly as it was written (value and scale).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public decimal At(int i)
        {
            long mantissa = (_narrow.Length != 0 ? _narrow[i] : _wide[i]) * _multiplier;
            ulong magnitude = mantissa < 0 ? (ulong)-mantissa : (ulong)mantissa;
            return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, mantissa < 0, (byte)(_scale >= 0 ? _scale : _scales[i]));
        }
    }

    /// <summary>A decimal as a signed 64-bit mantissa and its scale; false when the mantissa needs more than 63 bits.</summary>
    private static bool Compact(decimal value, out long mantissa, out byte scale)
    {
        ref readonly var bits = ref DecimalBits.Of(value); // read in place instead of through decimal.GetBits
        scale = (byte)bits.Scale;
        ulong magnitude = bits.Low64;
        mantissa = 0;
        if (bits.High32 != 0 || magnitude > long.MaxValue) return false;
        mantissa = bits.IsNegative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    private static decimal Price(in Candle c, int price) => price switch { 0 => c.Open, 1 => c.High, 2 => c.Low, _ => c.Close };

    private static byte[] Header(CandleFileStamp stamp, ulong hash)
    {
        var header = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), stamp.Count);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), stamp.FirstMs);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), stamp.LastMs);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), stamp.CreatedMs);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(40), hash);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(48), stamp.DatasetId);
        return header;
    }

    private static long ReadLong(ReadOnlySpan<byte> header, int at) => BinaryPrimitives.ReadInt64LittleEndian(header[at..]);

    /// <summary>How one price column of a block is stored.</summary>
    /// <param name="Width">Bytes per reduced mantissa (4 or 8).</param>
    /// <param name="Power">Every mantissa of the block is a multiple of 10^Power and is stored divided by it.</param>
    /// <param name="Scale">The decimal scale of every price of the block, or <see cref="BlockLayout.ScalePerCandle"/> (one byte per candle follows the mantissas).</param>
    internal readonly record struct PriceColumn(byte Width, byte Power, byte Scale);

    /// <summary>A block's header: its candle count, how its times are stored and how each price column is stored.</summary>
    internal sealed record BlockLayout(int Count, byte TimeWidth, long TimeBase, PriceColumn[] Prices)
    {
        public const byte ScalePerCandle = 255;

        /// <summary>Bytes of the block, header included.</summary>
        public int Bytes
        {
            get
            {
                int bytes = BlockHeaderSize + (TimeWidth + 8) * Count;
                foreach (var p in Prices) bytes += p.Width * Count + (p.Scale == ScalePerCandle ? Count : 0);
                return bytes;
            }
        }

        /// <summary>The most compact layout for these candles.</summary>
        public static BlockLayout Of(ReadOnlySpan<Candle> block)
        {
            long first = block[0].Time.ToUnixTimeMilliseconds(), last = block[^1].Time.ToUnixTimeMilliseconds();
            byte timeWidth = last - first <= uint.MaxValue ? (byte)4 : (byte)8;
            var prices = new PriceColumn[4];
            for (int p = 0; p < 4; p++) prices[p] = ColumnOf(block, p);
            return new BlockLayout(block.Length, timeWidth, first, prices);
        }

        private static PriceColumn ColumnOf(ReadOnlySpan<Candle> block, int price)
        {
            int power = Pow10.Length - 1;
            int scale = -1;
            long min = long.MaxValue, max = long.MinValue;
            foreach (ref readonly var c in block)
            {
                Compact(Price(c, price), out long m, out byte s);
                scale = scale == -1 || scale == s ? s : ScalePerCandle;
                while (power > 0 && m % Pow10[power] != 0) power--;
                min = Math.Min(min, m);
                max = Math.Max(max, m);
            }
            bool narrow = min / Pow10[power] >= int.MinValue && max / Pow10[power] <= int.MaxValue;
            return new PriceColumn(narrow ? (byte)4 : (byte)8, (byte)power, (byte)scale);
        }

        public void Write(Span<byte> header)
        {
            header[..BlockHeaderSize].Clear();
            BinaryPrimitives.WriteInt32LittleEndian(header, Count);
            header[4] = TimeWidth;
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], TimeBase);
            for (int p = 0; p < 4; p++)
            {
                header[16 + 4 * p] = Prices[p].Width;
                header[17 + 4 * p] = Prices[p].Power;
                header[18 + 4 * p] = Prices[p].Scale;
            }
        }

        /// <summary>The layout in a block header, or null when it is not one this version writes.</summary>
        public static BlockLayout? Read(ReadOnlySpan<byte> header)
        {
            int count = BinaryPrimitives.ReadInt32LittleEndian(header);
            byte timeWidth = header[4];
            if (count <= 0 || count > BlockSize || timeWidth is not (4 or 8)) return null;
            var prices = new PriceColumn[4];
            for (int p = 0; p < 4; p++)
            {
                var column = new PriceColumn(header[16 + 4 * p], header[17 + 4 * p], header[18 + 4 * p]);
                if (column.Width is not (4 or 8) || column.Power >= Pow10.Length || (column.Scale > 28 && column.Scale != ScalePerCandle)) return null;
                prices[p] = column;
            }
            return new BlockLayout(count, timeWidth, BinaryPrimitives.ReadInt64LittleEndian(header[8..]), prices);
        }
    }
}
