/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_nn_avx512: the packed small-gemm kernel (AVX-512 only) against cblas_sgemm on shapes
 * with every kind of remainder (rows not a multiple of 8 or 4, columns not a multiple of 16
 * or 32), plain and transposed packing, overwrite and accumulate. Skipped on a CPU without
 * AVX-512, where the RNNs use OpenBLAS instead and test_gru/test_lstm cover that path.
 */
#include "check.h"
#include "nn.h"

static void
test_packed(void)
{
	static const int Ms[] = {1, 3, 4, 8, 13, 32}, Ns[] = {1, 15, 16, 17, 31, 32, 33, 48, 100};
	static const int Ks[] = {1, 7, 64};
	struct rng r;
	double worst = 0;

	rng_seed(&r, 5);
	for (size_t mi = 0; mi < sizeof Ms / sizeof *Ms; mi++)
	for (size_t ni = 0; ni < sizeof Ns / sizeof *Ns; ni++)
	for (size_t ki = 0; ki < sizeof Ks / sizeof *Ks; ki++)
	for (int trans = 0; trans < 2; trans++)
	for (int acc = 0; acc < 2; acc++) {
		int M = Ms[mi], N = Ns[ni], K = Ks[ki], lda = K + 3, ldc = N + 5, ldb = trans ? K + 2 : N + 2;
		float *a = emalloc(sizeof(float) * M * lda), *b = emalloc(sizeof(float) * (trans ? N : K) * ldb);
		float *c = emalloc(sizeof(float) * M * ldc), *ref = emalloc(sizeof(float) * M * ldc);
		float *bp = emalloc(sizeof(float) * nn_pack_size(K, N));

		for (int i = 0; i < M * lda; i++)
			a[i] = (float)(2 * rng_uniform(&r) - 1);
		for (int i = 0; i < (trans ? N : K) * ldb; i++)
			b[i] = (float)(2 * rng_uniform(&r) - 1);
		for (int i = 0; i < M * ldc; i++)
			c[i] = ref[i] = (float)(2 * rng_uniform(&r) - 1);
		nn_pack(bp, b, K, N, ldb, trans);
		nn_sgemm_packed(M, N, K, a, lda, bp, c, ldc, acc);
		cblas_sgemm(CblasRowMajor, CblasNoTrans, trans ? CblasTrans : CblasNoTrans, M, N, K,
		    1, a, lda, b, ldb, acc ? 1 : 0, ref, ldc);
		for (int i = 0; i < M; i++)
			for (int j = 0; j < ldc; j++) {
				double d = fabs((double)c[i * ldc + j] - ref[i * ldc + j]);
				if (j >= N)	/* padding of c is not touched */
					CHECK(c[i * ldc + j] == ref[i * ldc + j], "M%d N%d K%d: wrote past N", M, N, K);
				else
					CHECK(d <= 1e-5 * fmax(1, fabs(ref[i * ldc + j])),
					    "M%d N%d K%d trans %d acc %d: c[%d][%d] %g vs %g", M, N, K, trans,
					    acc, i, j, c[i * ldc + j], ref[i * ldc + j]);
				worst = d > worst ? d : worst;
			}
		free(a), free(b), free(c), free(ref), free(bp);
	}
	printf("packed kernel vs cblas_sgemm: %zu shapes, max abs error %.3g\n",
	    sizeof Ms / sizeof *Ms * (sizeof Ns / sizeof *Ns) * (sizeof Ks / sizeof *Ks) * 4, worst);
}

int
main(void)
{
	if (!nn_packed_ok())
		SKIP("no AVX-512 on this CPU (or EEGPIPE_NOPACK set): the packed kernel is not used here");
	openblas_set_num_threads(1);
	test_packed();
	CHECK_DONE();
}
