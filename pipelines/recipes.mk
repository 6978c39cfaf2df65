# SPDX-License-Identifier: GPL-3.0-or-later
# The seed report's splits and models, in one place for pipelines/seed.mk, pipelines/loso.mk
# and bench/parity (`make -s -f pipelines/recipes.mk print-RECIPE_lstm` prints one).

# eeg-split options: the seed's 80/20 random split (it leaks: rows overlap their
# neighbours); the last 20% of every recording with 2 rows of gap (rows span 1.5 s every
# 0.5 s); one subject held out. Validation takes 10% more (whole subjects for subject).
SPLIT_random  = --test-fraction 0.2 --val-fraction 0.1
SPLIT_blocks  = --blocks --gap 2 --test-fraction 0.2 --val-fraction 0.1
HOLDOUT       = subjectd
SPLIT_subject = --holdout $(HOLDOUT) --val-fraction 0.1

# eeg-train options: LSTM(50) on 1 step of 1500 features, Dropout 0.2; GRU(256) over 1500
# steps of 1 feature, whole sequence flattened, learning rate 1e-3 exp(-epoch/10), the epoch
# of best validation accuracy kept. Both Dense softmax, Adam, batch 32.
RECIPE_lstm = --model lstm --units 50 --reshape 1x1500 --dropout 0.2 --batch 32 --lr 0.001
RECIPE_gru  = --model gru --units 256 --sequences --reshape 1500x1 --batch 32 --lr 0.001 \
              --lr-decay 10 --checkpoint best-val-acc

# the seed report's features: the 1500 fft columns of the emotions.csv layout
SELECT_FFT  = eeg-select -c fft

print-%:
	@printf '%s\n' '$($*)'
