// The part of lzma-native (8.x, which ships no types) that the xz baseline uses: one-shot compression of a buffer
// with a raw LZMA2 filter chain, as liblzma's lzma_stream_encoder takes it.
declare module 'lzma-native' {
  interface Lzma2Filter {
    id: string;
    options: { preset?: number; dictSize?: number };
  }
  const lzma: {
    FILTER_LZMA2: string;
    compress(data: Buffer, options: { filters: Lzma2Filter[] }): Promise<Buffer>;
  };
  export default lzma;
}
