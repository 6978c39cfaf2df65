/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_nn: the threaded gemm split; the activations against libm; the orthogonal
 * initialiser; the thread pool and the barrier under nn_parallel. The AVX-512 packed kernel
 * is test_nn_avx512's.
 */
#include "check.h"
#include "nn.h"

/*
 * nn_gemm_mt split by rows, columns or k gives nn_gemm's result (to rounding, 1e-6 per term:
 * OpenBLAS may take another kernel for an edge block), and the same bits every time.
 */
static void
test_gemm_mt(void)
{
	static const int shapes[][3] = {{32, 3, 250000}, {250000, 3, 32}, {32, 40000, 16}, {256, 768, 600},
	    {100, 33, 7000}, {17, 1000, 1300}};	/* all above nn_gemm_mt's split threshold */
	struct rng r;

	rng_seed(&r, 9);
	for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
	for (int ta = 0; ta < 2; ta++)
	for (int tb = 0; tb < 2; tb++) {
		int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
		int lda = ta ? m : k, ldb = tb ? k : n;
		float *a = emalloc(sizeof(float) * m * k), *b = emalloc(sizeof(float) * k * n);
		float *c1 = emalloc(sizeof(float) * m * n), *c2 = emalloc(sizeof(float) * m * n);
		for (int i = 0; i < m * k; i++)
			a[i] = (float)rng_normal(&r);
		for (int i = 0; i < k * n; i++)
			b[i] = (float)rng_normal(&r);
		for (int i = 0; i < m * n; i++)
			c1[i] = c2[i] = (float)rng_normal(&r);
		nn_threads = 1;
		nn_gemm(ta, tb, m, n, k, 1, a, lda, b, ldb, 0.5f, c1, n);
		nn_threads = 3;
		nn_gemm_mt(ta, tb, m, n, k, 1, a, lda, b, ldb, 0.5f, c2, n);
		nn_threads = 1;
		for (int i = 0; i < m * n; i++)
			CHECK(fabs(c1[i] - c2[i]) <= 1e-6 * k * fmax(1, fabs(c1[i])),
			    "gemm_mt %dx%dx%d ta %d tb %d: %g vs %g", m, n, k, ta, tb, c2[i], c1[i]);
		memcpy(c1, c2, sizeof(float) * m * n);
		for (int i = 0; i < m * n; i++)
			c2[i] = c1[i];
		nn_threads = 3;
		for (int rep = 0; rep < 2; rep++) {
			float *c3 = emalloc(sizeof(float) * m * n);
			for (int i = 0; i < m * n; i++)
				c3[i] = 1;
			nn_gemm_mt(ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c3, n);
			if (rep == 0)
				memcpy(c2, c3, sizeof(float) * m * n);
			else
				CHECK(!memcmp(c2, c3, sizeof(float) * m * n), "gemm_mt not repeatable");
			free(c3);
		}
		nn_threads = 1;
		free(a), free(b), free(c1), free(c2);
	}
	printf("nn_gemm_mt on 3 threads: nn_gemm's result within 1e-6*k, repeatable, 24 shapes\n");
}

static void
test_activations(void)
{
	double es = 0, et = 0, ee = 0;

	for (double x = -30; x <= 30; x += 0.001) {
		float f = (float)x;
		double s = 1 / (1 + exp(-(double)f)), t = tanh((double)f);
		es = fmax(es, fabs(nn_sigmoid(f) - s));
		et = fmax(et, fabs(nn_tanh(f) - t));
		if (x < 80)
			ee = fmax(ee, fabs(nn_expf(f) - exp((double)f)) / exp((double)f));
	}
	CHECK(es < 2e-7 && et < 4e-7 && ee < 3e-7, "sigmoid %g tanh %g exp %g", es, et, ee);
	CHECK(nn_sigmoid(-200) >= 0 && nn_sigmoid(200) == 1 && nn_tanh(200) == 1 && nn_tanh(-200) == -1,
	    "saturation");
	printf("float activations: max abs error sigmoid %.2g, tanh %.2g; exp relative %.2g\n", es, et, ee);
}

static struct nn_barrier bar;
static int counts[4][1000];

static void
worker(void *arg, int k, int n)
{
	int *shared = arg;

	for (int i = 0; i < 1000; i++) {
		counts[k][i] = shared[i] + 1;	/* every thread must see step i-1 finished */
		nn_barrier_wait(&bar, n);
		if (k == 0)
			shared[i + 1] = counts[n - 1][i];
		nn_barrier_wait(&bar, n);
	}
}

/* the pool: every job runs on exactly its n threads, k = 0..n-1 once each, jobs back to
 * back with n changing, and a job that calls nn_parallel itself (the pool is busy: the
 * inner call starts threads of its own) */
static atomic_int ran[8], inner_ran;

static void
mark(void *arg, int k, int n)
{
	(void)arg;
	atomic_fetch_add(&ran[k], n);
}

static void
inner(void *arg, int k, int n)
{
	(void)arg, (void)k, (void)n;
	atomic_fetch_add(&inner_ran, 1);
}

static void
outer(void *arg, int k, int n)
{
	(void)arg, (void)n;
	atomic_fetch_add(&ran[k], 1);
	nn_parallel(inner, NULL, 3);
}

static void
test_pool(void)
{
	int want[8] = {0};

	for (int i = 0; i < 3000; i++) {
		int n = 1 + i % 5;
		nn_parallel(mark, NULL, n);
		for (int k = 0; k < n; k++)
			want[k] += n;
	}
	for (int k = 0; k < 8; k++)
		CHECK(atomic_load(&ran[k]) == want[k], "pool: thread %d ran %d, want %d", k,
		    atomic_load(&ran[k]), want[k]);
	for (int k = 0; k < 8; k++)
		atomic_store(&ran[k], 0);
	nn_parallel(outer, NULL, 2);
	CHECK(atomic_load(&ran[0]) == 1 && atomic_load(&ran[1]) == 1 &&
	    atomic_load(&inner_ran) == 6, "pool: nested jobs ran %d %d %d",
	    atomic_load(&ran[0]), atomic_load(&ran[1]), atomic_load(&inner_ran));
	printf("pool: 3000 jobs of 1-5 threads, and nested jobs\n");
}

int
main(void)
{
	static int shared[1001];

	openblas_set_num_threads(1);
	test_gemm_mt();
	test_activations();
	test_pool();
	nn_barrier_init(&bar);
	nn_parallel(worker, shared, 4);
	CHECK(shared[1000] == 1000, "barrier: %d", shared[1000]);
	for (int k = 0; k < 4; k++)
		CHECK(counts[k][999] == 1000, "barrier: thread %d saw %d", k, counts[k][999]);
	printf("barrier: 4 threads in lock step for 1000 rounds\n");
	CHECK_DONE();
}
