#!/usr/bin/env bash
# Mutation testing of the numerical core in shards: one Stryker run per folder, each with only the tests that
# exercise that folder (docs/testing.md, "Mutation testing"). Runs the shards one after another, never in parallel.
#
#   tools/stryker-shards.sh                 # all shards
#   tools/stryker-shards.sh kernels layers  # only these
#
# Each shard writes its own StrykerOutput/<date>/ folder; the script prints the wall time of each shard and the
# line with the mutation score. Extra Stryker options can be passed in STRYKER_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests that never go into a shard: GEMM (out of scope, slow when instrumented), GEMM threading, the book-sized
# gradient check (21 s alone) and the prediction threading test (past 30 s under coverage capture).
exclude='&FullyQualifiedName!~Gemm&FullyQualifiedName!~ParkingSignal&FullyQualifiedName!~Numerical_gradient_matches_backprop_like_the_book&FullyQualifiedName!~NetworkPredictThreadingTests'

# The networks are exercised mostly by the training, gradient, serialization and session tests, not only by their
# own folder. Left out by name (the MTP runner knows no Category trait): the Slow MNIST accuracy class and
# child-process determinism test, and the checkpoint test that resumes at every iteration (4.4 s alone).
networks_tests='FullyQualifiedName~NativeNet.Tests.Networks.|FullyQualifiedName~NativeNet.Tests.Training.|FullyQualifiedName~NativeNet.Tests.Gradients.|FullyQualifiedName~NativeNet.Tests.Serialization.|FullyQualifiedName~NativeNet.Tests.Reliability.InferenceSessionTests|FullyQualifiedName~NativeNet.Tests.Reliability.DeterminismTests|FullyQualifiedName~NativeNet.Tests.Reliability.DivergenceTests|FullyQualifiedName~NativeNet.Tests.Layers.AffineReluFusionTests'
networks_exclude='&FullyQualifiedName!~MnistAccuracyTests&FullyQualifiedName!~Another_process_trains_to_the_same_bits&FullyQualifiedName!~Resumes_at_any_iteration_are_bit_identical'

shard_args() {
  case "$1" in
    sampling-losses-optimizers)
      args=(-m '**/src/NativeNet/Data/Permutation.cs' -m '**/src/NativeNet/Data/BatchSampler.cs' \
        -m '**/src/NativeNet/Losses/**/*.cs' -m '**/src/NativeNet/Optimizers/**/*.cs' \
        --test-case-filter "(FullyQualifiedName~NativeNet.Tests.Data.BatchSampler|FullyQualifiedName~NativeNet.Tests.Data.ShuffleUniformity|FullyQualifiedName~NativeNet.Tests.Losses.|FullyQualifiedName~NativeNet.Tests.Optimizers.|FullyQualifiedName~NativeNet.Tests.Networks.WeightDecay|FullyQualifiedName~SoftmaxWithLossLayerTests|FullyQualifiedName~SumOfSquaresLossLayerTests)&FullyQualifiedName!~Double_state_is_flushed${exclude}"
      ) ;;
    kernels)
      args=(-m '**/src/NativeNet/Kernels/ElementwiseKernels*.cs' -m '**/src/NativeNet/Kernels/Common/**/*.cs' \
        --test-case-filter "(FullyQualifiedName~NativeNet.Tests.Kernels.)${exclude}"
      ) ;;
    layers)
      args=(-m '**/src/NativeNet/Layers/**/*.cs' \
        --test-case-filter "(FullyQualifiedName~NativeNet.Tests.Layers.)${exclude}"
      ) ;;
    networks)
      args=(-m '**/src/NativeNet/Networks/**/*.cs' \
        --test-case-filter "(${networks_tests})${networks_exclude}${exclude}"
      ) ;;
    *) echo "unknown shard: $1 (sampling-losses-optimizers, kernels, layers, networks)" >&2; return 1 ;;
  esac
}

shards=("$@")
[ ${#shards[@]} -eq 0 ] && shards=(sampling-losses-optimizers kernels layers networks)

dotnet tool restore >/dev/null
total=0
for shard in "${shards[@]}"; do
  shard_args "$shard"
  start=$(date +%s)
  echo "=== shard $shard, started $(date -u +%H:%M:%S) UTC"
  # shellcheck disable=SC2086
  NATIVENET_MTP=true nice -n 19 dotnet stryker --log-to-file "${args[@]}" ${STRYKER_ARGS:-} \
    | tee "/tmp/stryker-shard-$shard.log" | grep -E "mutation score|Time Elapsed|mutants (created|will be tested)" || true
  secs=$(( $(date +%s) - start ))
  total=$(( total + secs ))
  echo "=== shard $shard: $(( secs / 60 )) min $(( secs % 60 )) s"
done
echo "=== all shards: $(( total / 60 )) min $(( total % 60 )) s"
# Stryker leaves the test project built as an MTP application; restore the ordinary package.
dotnet build NativeNet.sln -c Release >/dev/null
