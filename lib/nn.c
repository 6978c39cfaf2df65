/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nn: threads for the recurrent loops (see nn.h). */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>

#include "nn.h"

int nn_threads = 1;

void
nn_barrier_init(struct nn_barrier *b)
{
	atomic_init(&b->count, 0);
	atomic_init(&b->phase, 0);
}

/* one step of a spin-wait loop: tell the core we are waiting */
static void
relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* Sense-counting spin barrier: spin briefly, then yield (the machine may be shared). */
void
nn_barrier_wait(struct nn_barrier *b, int n)
{
	int phase = atomic_load_explicit(&b->phase, memory_order_acquire);

	if (n <= 1)
		return;
	if (atomic_fetch_add_explicit(&b->count, 1, memory_order_acq_rel) == n - 1) {
		atomic_store_explicit(&b->count, 0, memory_order_relaxed);
		atomic_fetch_add_explicit(&b->phase, 1, memory_order_release);
		return;
	}
	for (int spins = 0; atomic_load_explicit(&b->phase, memory_order_acquire) == phase; spins++) {
		if (spins > 2000)
			sched_yield();
		else
			relax();
	}
}

/*
 * A persistent pool: nn_parallel runs often (every gemm and Adam step of a batch), so the
 * workers are started once and wait for the next job, spinning briefly (jobs come back to
 * back) and then sleeping on a condition variable. One job at a time; a call made while
 * the pool is busy (from inside a job) falls back to threads of its own.
 */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	atomic_int busy, left;
	atomic_ulong gen;	/* bumped for each job */
	int started;		/* workers running: k = 1..started */
	void (*fn)(void *, int, int);
	void *arg;
	int n;
} pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .go = PTHREAD_COND_INITIALIZER,
    .done = PTHREAD_COND_INITIALIZER};

enum { SPINS = 4000 };	/* pause loops: some tens of microseconds */


static void *
worker(void *p)
{
	int k = (int)(intptr_t)p;
	unsigned long seen = 0;

	for (;;) {
		unsigned long g;
		int spins = 0;

		while ((g = atomic_load_explicit(&pool.gen, memory_order_acquire)) == seen &&
		    spins++ < SPINS)
			relax();
		if (g == seen) {
			pthread_mutex_lock(&pool.mu);
			while ((g = atomic_load(&pool.gen)) == seen)
				pthread_cond_wait(&pool.go, &pool.mu);
			pthread_mutex_unlock(&pool.mu);
		}
		seen = g;
		if (k < pool.n)
			pool.fn(pool.arg, k, pool.n);
		if (atomic_fetch_sub_explicit(&pool.left, 1, memory_order_acq_rel) == 1) {
			pthread_mutex_lock(&pool.mu);
			pthread_cond_broadcast(&pool.done);
			pthread_mutex_unlock(&pool.mu);
		}
	}
	return NULL;
}

struct job {
	void (*fn)(void *, int, int);
	void *arg;
	int k, n;
};

static void *
run(void *p)
{
	struct job *j = p;

	j->fn(j->arg, j->k, j->n);
	return NULL;
}

/* the fallback: n - 1 threads for this call only */
static void
spawn(void (*fn)(void *, int, int), void *arg, int n)
{
	pthread_t tid[NN_MAXTHREADS];
	struct job jobs[NN_MAXTHREADS];
	int started = 1;

	for (int k = 1; k < n; k++) {
		jobs[k] = (struct job){fn, arg, k, n};
		if (pthread_create(&tid[k], NULL, run, &jobs[k]))
			die("cannot create a thread");
		started++;
	}
	fn(arg, 0, n);
	for (int k = 1; k < started; k++)
		pthread_join(tid[k], NULL);
}

void
nn_parallel(void (*fn)(void *, int, int), void *arg, int n)
{
	int spins = 0;

	if (n > NN_MAXTHREADS)
		n = NN_MAXTHREADS;
	if (n <= 1) {
		fn(arg, 0, 1);
		return;
	}
	if (atomic_exchange(&pool.busy, 1)) {
		spawn(fn, arg, n);
		return;
	}
	while (pool.started < n - 1) {
		pthread_t t;
		if (pthread_create(&t, NULL, worker, (void *)(intptr_t)(pool.started + 1)))
			die("cannot create a thread");
		pthread_detach(t);
		pool.started++;
	}
	pool.fn = fn;
	pool.arg = arg;
	pool.n = n;
	atomic_store(&pool.left, pool.started);
	pthread_mutex_lock(&pool.mu);
	atomic_fetch_add_explicit(&pool.gen, 1, memory_order_release);
	pthread_cond_broadcast(&pool.go);
	pthread_mutex_unlock(&pool.mu);
	fn(arg, 0, n);
	while (atomic_load_explicit(&pool.left, memory_order_acquire) > 0 && spins++ < SPINS)
		relax();
	if (atomic_load(&pool.left) > 0) {
		pthread_mutex_lock(&pool.mu);
		while (atomic_load(&pool.left) > 0)
			pthread_cond_wait(&pool.done, &pool.mu);
		pthread_mutex_unlock(&pool.mu);
	}
	atomic_store(&pool.busy, 0);
}

/* ---- small gemms against a matrix packed once: the per-step products of the RNNs ---- */

size_t
nn_pack_size(int K, int N)
{
	return mul_size(mul_size((size_t)(N + 15) / 16, K), 16);
}

/*
 * bp = b (K,N), row stride ldb, as panels of 16 columns: bp[p][k][c] = b[k][16p + c],
 * zero past column N. trans: b is given as its transpose (N,K), row stride ldb.
 */
void
nn_pack(float *bp, const float *b, int K, int N, int ldb, int trans)
{
	int np = (N + 15) / 16;

	for (int p = 0; p < np; p++)
		for (int k = 0; k < K; k++) {
			float *d = bp + ((size_t)p * K + k) * 16;
			for (int c = 0; c < 16; c++) {
				int j = 16 * p + c;
				d[c] = j >= N ? 0 : trans ? b[(size_t)j * ldb + k] : b[(size_t)k * ldb + j];
			}
		}
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

int
nn_packed_ok(void)
{
	static int ok = -1;

	/* EEGPIPE_NOPACK=1 forces the OpenBLAS path (for bench/train's comparison) */
	if (ok < 0)
		ok = __builtin_cpu_supports("avx512f") && !getenv("EEGPIPE_NOPACK");
	return ok;
}

/* rows [i, i+R) of c, panels p and p+1 (when two): R x 32 accumulators in registers */
#define NN_TILE(R) do { \
	__m512 c0[R], c1[R]; \
	_Pragma("GCC unroll 8") for (int r = 0; r < R; r++) { \
		c0[r] = acc ? _mm512_maskz_loadu_ps(m0, c + (size_t)(i + r) * ldc + j0) : _mm512_setzero_ps(); \
		c1[r] = acc && two ? _mm512_maskz_loadu_ps(m1, c + (size_t)(i + r) * ldc + j0 + 16) \
		    : _mm512_setzero_ps(); \
	} \
	for (int k = 0; k < K; k++) { \
		__m512 b0 = _mm512_loadu_ps(b0p + (size_t)k * 16); \
		__m512 b1 = _mm512_loadu_ps(b1p + (size_t)k * 16); \
		_Pragma("GCC unroll 8") for (int r = 0; r < R; r++) { \
			__m512 x = _mm512_set1_ps(a[(size_t)(i + r) * lda + k]); \
			c0[r] = _mm512_fmadd_ps(x, b0, c0[r]); \
			c1[r] = _mm512_fmadd_ps(x, b1, c1[r]); \
		} \
	} \
	_Pragma("GCC unroll 8") for (int r = 0; r < R; r++) { \
		_mm512_mask_storeu_ps(c + (size_t)(i + r) * ldc + j0, m0, c0[r]); \
		if (two) \
			_mm512_mask_storeu_ps(c + (size_t)(i + r) * ldc + j0 + 16, m1, c1[r]); \
	} \
} while (0)

/*
 * c (M,N) = a (M,K) bp (+ c when acc), bp from nn_pack. Two panels (32 columns) by 8 rows
 * of c stay in 16 AVX-512 registers while k runs; the packed panels stream from cache.
 */
__attribute__((target("avx512f"))) void
nn_sgemm_packed(int M, int N, int K, const float *a, int lda, const float *bp, float *c,
    int ldc, int acc)
{
	int np = (N + 15) / 16;
	static const float zero[16];

	for (int p = 0; p < np; p += 2) {
		int two = p + 1 < np, j0 = 16 * p;
		int n0 = N - j0 < 16 ? N - j0 : 16, n1 = two ? (N - j0 - 16 < 16 ? N - j0 - 16 : 16) : 0;
		__mmask16 m0 = (__mmask16)((1u << n0) - 1), m1 = (__mmask16)((1u << n1) - 1);
		const float *b0p = bp + (size_t)p * K * 16;
		const float *b1p = two ? b0p + (size_t)K * 16 : zero;
		int i = 0;

		if (!two) {
			/* the lone last panel: b1p reads zero[] for every k */
			for (; i < M; i++) {
				__m512 c0 = acc ? _mm512_maskz_loadu_ps(m0, c + (size_t)i * ldc + j0)
				    : _mm512_setzero_ps();
				for (int k = 0; k < K; k++)
					c0 = _mm512_fmadd_ps(_mm512_set1_ps(a[(size_t)i * lda + k]),
					    _mm512_loadu_ps(b0p + (size_t)k * 16), c0);
				_mm512_mask_storeu_ps(c + (size_t)i * ldc + j0, m0, c0);
			}
			continue;
		}
		for (; i + 8 <= M; i += 8)
			NN_TILE(8);
		for (; i + 4 <= M; i += 4)
			NN_TILE(4);
		for (; i < M; i++)
			NN_TILE(1);
	}
}
#else
int
nn_packed_ok(void)
{
	return 0;
}

void
nn_sgemm_packed(int M, int N, int K, const float *a, int lda, const float *bp, float *c,
    int ldc, int acc)
{
	die("nn_sgemm_packed: not built for this machine");
}
#endif
