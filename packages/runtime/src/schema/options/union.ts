/**
 * Members of the schema's `BuiltinOptions` union in declaration order: the union type id of a member is its
 * position here plus one (0 means "no options"). The schema freezes this union; newer tables go to
 * BuiltinOptions2 (Operator.builtin_options_2), listed below the same way.
 */
export const BUILTIN_OPTIONS_TABLES: readonly string[] = [
  'Conv2DOptions', 'DepthwiseConv2DOptions', 'ConcatEmbeddingsOptions', 'LSHProjectionOptions', 'Pool2DOptions',
  'SVDFOptions', 'RNNOptions', 'FullyConnectedOptions', 'SoftmaxOptions', 'ConcatenationOptions', 'AddOptions',
  'L2NormOptions', 'LocalResponseNormalizationOptions', 'LSTMOptions', 'ResizeBilinearOptions', 'CallOptions',
  'ReshapeOptions', 'SkipGramOptions', 'SpaceToDepthOptions', 'EmbeddingLookupSparseOptions', 'MulOptions',
  'PadOptions', 'GatherOptions', 'BatchToSpaceNDOptions', 'SpaceToBatchNDOptions', 'TransposeOptions',
  'ReducerOptions', 'SubOptions', 'DivOptions', 'SqueezeOptions', 'SequenceRNNOptions', 'StridedSliceOptions',
  'ExpOptions', 'TopKV2Options', 'SplitOptions', 'LogSoftmaxOptions', 'CastOptions', 'DequantizeOptions',
  'MaximumMinimumOptions', 'ArgMaxOptions', 'LessOptions', 'NegOptions', 'PadV2Options', 'GreaterOptions',
  'GreaterEqualOptions', 'LessEqualOptions', 'SelectOptions', 'SliceOptions', 'TransposeConvOptions',
  'SparseToDenseOptions', 'TileOptions', 'ExpandDimsOptions', 'EqualOptions', 'NotEqualOptions', 'ShapeOptions',
  'PowOptions', 'ArgMinOptions', 'FakeQuantOptions', 'PackOptions', 'LogicalOrOptions', 'OneHotOptions',
  'LogicalAndOptions', 'LogicalNotOptions', 'UnpackOptions', 'FloorDivOptions', 'SquareOptions',
  'ZerosLikeOptions', 'FillOptions', 'BidirectionalSequenceLSTMOptions', 'BidirectionalSequenceRNNOptions',
  'UnidirectionalSequenceLSTMOptions', 'FloorModOptions', 'RangeOptions', 'ResizeNearestNeighborOptions',
  'LeakyReluOptions', 'SquaredDifferenceOptions', 'MirrorPadOptions', 'AbsOptions', 'SplitVOptions',
  'UniqueOptions', 'ReverseV2Options', 'AddNOptions', 'GatherNdOptions', 'CosOptions', 'WhereOptions',
  'RankOptions', 'ReverseSequenceOptions', 'MatrixDiagOptions', 'QuantizeOptions', 'MatrixSetDiagOptions',
  'HardSwishOptions', 'IfOptions', 'WhileOptions', 'DepthToSpaceOptions', 'NonMaxSuppressionV4Options',
  'NonMaxSuppressionV5Options', 'ScatterNdOptions', 'SelectV2Options', 'DensifyOptions', 'SegmentSumOptions',
  'BatchMatMulOptions', 'CumsumOptions', 'CallOnceOptions', 'BroadcastToOptions', 'Rfft2dOptions',
  'Conv3DOptions', 'HashtableOptions', 'HashtableFindOptions', 'HashtableImportOptions', 'HashtableSizeOptions',
  'VarHandleOptions', 'ReadVariableOptions', 'AssignVariableOptions', 'RandomOptions', 'BucketizeOptions',
  'GeluOptions', 'DynamicUpdateSliceOptions', 'UnsortedSegmentProdOptions', 'UnsortedSegmentMaxOptions',
  'UnsortedSegmentMinOptions', 'UnsortedSegmentSumOptions', 'ATan2Options', 'SignOptions', 'BitcastOptions',
  'BitwiseXorOptions', 'RightShiftOptions',
];

/** Union type id → table name, or null for ids the schema does not define. */
export function optionsTableName(typeId: number): string | null {
  return BUILTIN_OPTIONS_TABLES[typeId - 1] ?? null;
}

/** Table name → union type id, or null when the name is not a union member. */
export function optionsTypeId(table: string): number | null {
  const i = BUILTIN_OPTIONS_TABLES.indexOf(table);
  return i < 0 ? null : i + 1;
}

/** Members of `BuiltinOptions2` in declaration order (type id = position + 1), mostly StableHLO tables. */
export const BUILTIN_OPTIONS_2_TABLES: readonly string[] = [
  'StablehloConcatenateOptions', 'StablehloBroadcastInDimOptions', 'StablehloSliceOptions',
  'StablehloConvolutionOptions', 'StablehloCustomCallOptions', 'StablehloReduceOptions', 'StablehloScatterOptions',
  'StablehloCompareOptions', 'StablehloDynamicSliceOptions', 'StablehloPadOptions', 'StablehloIotaOptions',
  'StablehloDotGeneralOptions', 'StablehloReduceWindowOptions', 'StablehloSortOptions', 'StablehloWhileOptions',
  'StablehloGatherOptions', 'StablehloTransposeOptions', 'DilateOptions', 'StablehloRngBitGeneratorOptions',
  'ReduceWindowOptions', 'StableHLOCompositeOptions',
];
