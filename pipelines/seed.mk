# SPDX-License-Identifier: GPL-3.0-or-later
# The seed report's study ("EEG emotion classification: LSTM and GRU models"), honestly.
#
#   make -f pipelines/seed.mk                           the Muse recordings if present, else eeg-synth
#   make -f pipelines/seed.mk EMOTIONS=emotions.csv     Bird et al.'s published table
#   make -f pipelines/seed.mk EPOCHS=2                  a quick run
#   make demo                                           the demo settings (synthetic, short)
#
# Features: the 1500 "fft" columns of the emotions.csv layout. Without EMOTIONS they are
# rebuilt from raw recordings by eeg-fft --profile bird2018: the Muse recordings in $(MUSE)
# when there are any, else recordings eeg-synth makes ($(SYNTH)). Each model of
# pipelines/recipes.mk is trained on each split (random, blocks, subject; only random for
# emotions.csv, which has no subjects or times, and its report says it leaks), with the
# scaler fit on the training part only.
#
# Nothing goes stale: the data source, the split options, the recipe, EPOCHS, SEED and
# THREADS are stamps (common.mk) that what they change depends on, so changing one (or the
# recordings appearing) rebuilds exactly what it changes.
#
# Results in $(OUT): summary.txt (settings, Table 1, the GRU against the LSTM), results.tsv,
# report.html (the table and every figure), and per run MODEL-SPLIT/: settings.txt, model,
# info.txt, train.log, history.tsv, pred.eeg, predict.log, metrics.tsv, report.txt,
# confusion.png/.svg, curves.png/.svg.

OUT      = out/seed
MODELS   = lstm gru
.DEFAULT_GOAL := all
include $(dir $(lastword $(MAKEFILE_LIST)))common.mk

SPLITS   = $(if $(filter emotions,$(SOURCE)),random,random blocks subject)
RUNS     = $(foreach m,$(MODELS),$(foreach s,$(SPLITS),$(m)-$(s)))
DIRS     = $(addprefix $(OUT)/,$(RUNS))
FIGURES  = $(foreach d,$(DIRS),$(d)/confusion.svg $(d)/curves.svg)

all: $(OUT)/summary.txt $(OUT)/report.html
	@cat $(OUT)/summary.txt
	@echo
	@echo "The table and its figures: $(OUT)/report.html; figures as PNG and SVG in"
	@echo "$(OUT)/MODEL-SPLIT/confusion.png, curves.png (.svg beside them)."

# --- what the results depend on ---
$(foreach s,$(SPLITS),$(eval STAMP_split-$(s) = split $(s): eeg-split $(SPLIT_$(s)) --seed $$(SEED); eeg-scale z-score fit on its training part, carried by the model))
$(foreach m,$(MODELS),$(eval STAMP_model-$(m) = model $(m): eeg-train $(RECIPE_$(m)) --epochs $$(EPOCHS) --seed $$(SEED) --threads $$(THREADS)))
STAMP_note = $(NOTE)
STAMPS   = data $(addprefix split-,$(SPLITS)) $(addprefix model-,$(MODELS))

$(OUT)/settings.txt: $(addprefix $(OUT)/stamp/,$(STAMPS) note)
	$(Q){ $(if $(NOTE),echo 'note: $(NOTE)';) cat $(addprefix $(OUT)/stamp/,$(STAMPS)); } >$(TMP) && mv $(TMP) $@

# --- features ---
ifeq ($(SOURCE),emotions)
$(OUT)/fft.eeg: $(EMOTIONS) $(OUT)/stamp/data
	@$(call out,eeg-csv $(EMOTIONS) | $(SELECT_FFT))
else
$(OUT)/fft.eeg: $(RAW) $(OUT)/stamp/data
	@$(call out,eeg-fft --profile bird2018 $(RAW_CSV) | $(SELECT_FFT))
endif

# --- splits: train, val (the GRU's checkpoint), test; the scaler fit on train only and
# carried by the model (eeg-train --scaler), which applies it to val and test ---
$(OUT)/split-%/train.eeg $(OUT)/split-%/val.eeg $(OUT)/split-%/test.eeg: $(OUT)/fft.eeg $(OUT)/stamp/split-%
	@mkdir -p $(@D)
	eeg-split $(SPLIT_$*) --seed $(SEED) --train $(@D)/train.eeg --val $(@D)/val.eeg \
	    --test $(@D)/test.eeg $<
$(OUT)/split-%/train.z.eeg: $(OUT)/split-%/train.eeg
	@$(call out,eeg-scale --fit $(@D)/scale.par <$<)

# --- one run per model and split ---
define run_rules
$(OUT)/$(1)-%/settings.txt: $(OUT)/stamp/data $(OUT)/stamp/split-% $(OUT)/stamp/model-$(1)
	@mkdir -p $$(@D)
	$$(Q){ echo "run: $(1), $$* split"; cat $$^; } >$$(TMP) && mv $$(TMP) $$@
$(OUT)/$(1)-%/model: $(OUT)/split-%/train.z.eeg $(OUT)/split-%/val.eeg $(OUT)/$(1)-%/settings.txt
	@$$(call train,$(1)-$$*,$$(@D),$$(RECIPE_$(1)) --epochs $$(EPOCHS) --seed $$(SEED) \
	    --threads $$(THREADS) --scaler $(OUT)/split-$$*/scale.par --val $$(word 2,$$^) $$<)
$(OUT)/$(1)-%/pred.eeg: $(OUT)/$(1)-%/model $(OUT)/split-%/test.eeg
	@$$(call predict,$$(@D),$$(word 2,$$^))
endef
$(foreach m,$(MODELS),$(eval $(call run_rules,$(m))))

# --- the table and the page ---
$(OUT)/results.tsv: $(DIRS:=/metrics.tsv) $(DIRS:=/report.txt) $(P)/results.sh
	$(Q)sh $(P)/results.sh $(DIRS) >$(TMP) && mv $(TMP) $@
$(OUT)/summary.txt: $(OUT)/settings.txt $(OUT)/results.tsv $(P)/summary.sh
	$(Q)sh $(P)/summary.sh $(OUT)/settings.txt $(OUT)/results.tsv >$(TMP) && mv $(TMP) $@
$(OUT)/report.html: $(OUT)/summary.txt $(OUT)/results.tsv $(FIGURES) $(P)/report.sh
	$(Q)sh $(P)/report.sh "The seed study" $(OUT)/summary.txt $(OUT)/results.tsv >$(TMP) && mv $(TMP) $@

.PHONY: all
$(stamps)
