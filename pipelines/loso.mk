# SPDX-License-Identifier: GPL-3.0-or-later
# Leave one subject out: every subject is held out in turn, for every recipe and seed.
#
#   make -f pipelines/loso.mk                         the Muse recordings if present, else eeg-synth
#   make -f pipelines/loso.mk RECIPES="seed-lstm seed-gru best" SEEDS=1
#   make -f pipelines/loso.mk -j2                     independent jobs at once
#   make -f pipelines/loso.mk jobs                    one shell line per job (GNU parallel, Slurm)
#   make -f pipelines/loso.mk inner-jobs              one per nested run, to run before jobs
#
# Recipes:
#   seed-lstm, seed-gru  the seed report's models (pipelines/recipes.mk) on the 1500 fft
#                columns of the emotions.csv layout, z-scored by the training subjects'
#                statistics; the GRU's validation subjects (its checkpoint) drawn from
#                them, the LSTM trained on all of them.
#   best         eegpipe's recipe, chosen for each held-out subject and seed among the
#                CANDIDATES by leave-one-subject-out on the training subjects alone (nested:
#                the held-out subject is never seen until its one test): band powers
#                (absolute or relative, in dB) of 2 s or 8 s windows every second, an 8 s
#                window also as 4 steps of 2 s; every subject calibrated by its own
#                statistics (eeg-scale -p on each part, no labels used); LSTM or GRU(32).
#
# The grid is RECIPES x SUBJECTS x SEEDS; each point is one job, its results in
# $(OUT)/RECIPE/SUBJECT/sSEED/ (the files of a seed-study run: settings.txt, model, ...,
# metrics.tsv, report.txt; for best also choice.txt and inner/ with the nested runs). Jobs
# share only the features and splits, which `make -f pipelines/loso.mk prepare` makes
# first (seconds); any job makes what it needs if they are missing, writing every file under
# a temporary name first, so jobs may run at once on one machine or many sharing the
# directory. `make -f pipelines/loso.mk` then merges whatever the jobs made into
# $(OUT)/summary.txt (per-subject scores, mean and sd) and $(OUT)/report.html.

OUT      = out/loso
SEEDS    = 1 2 3
RECIPES  = seed-lstm best
CHANNELS = TP9,AF7,AF8,TP10
.DEFAULT_GOAL := all
include $(dir $(lastword $(MAKEFILE_LIST)))common.mk

# candidates of the best recipe: FEATURES-NETWORK (features: eeg-fft options)
FEAT_abs2   = -w 2 -s 1 --bands default --log
FEAT_abs8   = -w 8 -s 1 --bands default --log
FEAT_abs8x4 = -w 8 -s 1 --steps 4 --bands default --log
FEAT_rel2   = -w 2 -s 1 --bands default --relative --log
FEAT_rel8   = -w 8 -s 1 --bands default --relative --log
FEAT_rel8x4 = -w 8 -s 1 --steps 4 --bands default --relative --log
NET_lstm32  = --model lstm --units 32
NET_gru32   = --model gru --units 32
FEATS       = abs2 abs8 abs8x4 rel2 rel8 rel8x4
NETS        = lstm32 gru32
CANDIDATES  = $(foreach f,$(FEATS),$(foreach n,$(NETS),$(f)-$(n)))
feat_of     = $(firstword $(subst -, ,$(1)))
net_of      = $(lastword $(subst -, ,$(1)))

ifeq ($(SOURCE),emotions)
$(error leave-one-subject-out needs subjects: emotions.csv has none (use the raw recordings))
endif

SEEDMODELS = $(patsubst seed-%,%,$(filter seed-%,$(RECIPES)))
JOBS     = $(foreach r,$(RECIPES),$(foreach s,$(SUBJECTS),$(foreach k,$(SEEDS),$(r)/$(s)/s$(k))))
others   = $(filter-out $(1),$(SUBJECTS))

all: $(OUT)/summary.txt $(OUT)/report.html
	@cat $(OUT)/summary.txt
	@echo
	@echo "The table and its figures: $(OUT)/report.html"

# --- what the results depend on ---
STAMP_feat-bird = features: eeg-fft --profile bird2018 | $(SELECT_FFT)
$(foreach f,$(FEATS),$(eval STAMP_feat-$(f) = features $(f): eeg-fft $(FEAT_$(f)) --channels $$(CHANNELS)))
STAMP_split = split: eeg-split --holdout SUBJECT (seed recipes with --checkpoint: --val-fraction 0.1 --seed $(SEED), validation subjects from the training ones; seed recipes: eeg-scale z-score fit on the training part, carried by the model; best: eeg-scale -p on each part)
$(foreach m,$(SEEDMODELS),$(eval STAMP_model-seed-$(m) = model seed-$(m): eeg-train $(RECIPE_$(m)) --epochs $$(EPOCHS) --threads $$(THREADS) --seed SEED))
STAMP_model-best = model best: of the $(words $(CANDIDATES)) candidates FEATURES-NETWORK, the best mean accuracy in leave-one-subject-out on the training subjects; eeg-train NETWORK --epochs $(EPOCHS) --threads $(THREADS) --seed SEED; networks:$(foreach n,$(NETS), $(n) [$(NET_$(n))])
STAMP_note = $(NOTE)
STAMPS   = data split $(addprefix model-,$(RECIPES)) $(if $(filter best,$(RECIPES)),$(addprefix feat-,$(FEATS)))

$(OUT)/settings.txt: $(addprefix $(OUT)/stamp/,$(STAMPS) note)
	$(Q){ $(if $(NOTE),echo 'note: $(NOTE)';) cat $(addprefix $(OUT)/stamp/,$(STAMPS)); } >$(TMP) && mv $(TMP) $@

# --- features: the seed's (bird) and the candidates' ---
$(OUT)/feat/bird.eeg: $(RAW) $(OUT)/stamp/data $(OUT)/stamp/feat-bird
	@mkdir -p $(@D)
	@$(call out,eeg-fft --profile bird2018 $(RAW_CSV) | $(SELECT_FFT))
$(OUT)/feat/%.eeg: $(RAW) $(OUT)/stamp/data $(OUT)/stamp/feat-%
	@mkdir -p $(@D)
	@$(call out,eeg-fft $(FEAT_$*) --channels $(CHANNELS) $(RAW_CSV))

# --- splits: $(OUT)/split/FEATURES/SUBJECT/ holds SUBJECT out ---
define split_rules
# the seed recipes that keep the epoch of best validation accuracy: validation subjects
# drawn from the others (bird-val); the others train on all of them (bird, as below)
$(OUT)/split/bird-val/$(1)/train.eeg $(OUT)/split/bird-val/$(1)/val.eeg $(OUT)/split/bird-val/$(1)/test.eeg &: $(OUT)/feat/bird.eeg $(OUT)/stamp/split
	@mkdir -p $$(@D)
	eeg-split --holdout $(1) --val-fraction 0.1 --seed $$(SEED) --train $$(@D)/train.eeg \
	    --val $$(@D)/val.eeg --test $$(@D)/test.eeg $$<
# the candidates (and the seed recipes without validation)
$(OUT)/split/%/$(1)/train.eeg $(OUT)/split/%/$(1)/test.eeg: $(OUT)/feat/%.eeg $(OUT)/stamp/split
	@mkdir -p $$(@D)
	eeg-split --holdout $(1) --train $$(@D)/train.eeg --test $$(@D)/test.eeg $$<
$(foreach i,$(call others,$(1)),$(eval $(call inner_split_rule,$(1),$(i))))
endef
# the nested split: inner subject $(2) held out of the training part of outer subject $(1)
define inner_split_rule
$(OUT)/split/%/$(1)/$(2)/train.eeg $(OUT)/split/%/$(1)/$(2)/test.eeg: $(OUT)/split/%/$(1)/train.eeg
	@mkdir -p $$(@D)
	eeg-split --holdout $(2) --train $$(@D)/train.eeg --test $$(@D)/test.eeg $$<
endef
$(foreach s,$(SUBJECTS),$(eval $(call split_rules,$(s))))

# the seed recipes: z-scored by the training part's statistics, which the model carries
$(OUT)/split/bird%/train.z.eeg: $(OUT)/split/bird%/train.eeg
	@$(call out,eeg-scale --fit $(@D)/scale.par <$<)
# the candidates: each part calibrated subject by subject on its own frames (no labels)
$(OUT)/split/%.c.eeg: $(OUT)/split/%.eeg
	@$(call out,eeg-scale -p <$<)

# --- the seed recipes: $(1) model, $(2) subject held out, $(3) seed ---
# validation subjects only for a recipe that chooses its epoch by them (--checkpoint)
valdir   = $(if $(filter --checkpoint,$(RECIPE_$(1))),bird-val,bird)
define seed_run
$(OUT)/seed-$(1)/$(2)/s$(3)/settings.txt: $(OUT)/stamp/data $(OUT)/stamp/feat-bird $(OUT)/stamp/split $(OUT)/stamp/model-seed-$(1)
	@mkdir -p $$(@D)
	$$(Q){ echo "run: seed-$(1), $(2) held out, seed $(3)"; cat $$^; } >$$(TMP) && mv $$(TMP) $$@
$(OUT)/seed-$(1)/$(2)/s$(3)/model: $(OUT)/split/$(call valdir,$(1))/$(2)/train.z.eeg $(if $(filter bird-val,$(call valdir,$(1))),$(OUT)/split/bird-val/$(2)/val.eeg) $(OUT)/seed-$(1)/$(2)/s$(3)/settings.txt
	@$$(call train,seed-$(1)/$(2)/s$(3),$$(@D),$$(RECIPE_$(1)) --epochs $$(EPOCHS) --seed $(3) \
	    --threads $$(THREADS) --scaler $(OUT)/split/$(call valdir,$(1))/$(2)/scale.par \
	    $(if $(filter bird-val,$(call valdir,$(1))),--val $(OUT)/split/bird-val/$(2)/val.eeg) $$<)
$(OUT)/seed-$(1)/$(2)/s$(3)/pred.eeg: $(OUT)/seed-$(1)/$(2)/s$(3)/model $(OUT)/split/$(call valdir,$(1))/$(2)/test.eeg
	@$$(call predict,$$(@D),$$(word 2,$$^))
endef
$(foreach m,$(SEEDMODELS),$(foreach s,$(SUBJECTS),$(foreach k,$(SEEDS),$(eval $(call seed_run,$(m),$(s),$(k))))))

# --- the best recipe: $(1) subject held out, $(2) seed ---
# every candidate trained on all training subjects but one, and scored on that one
define inner_run
$(OUT)/best/$(1)/s$(2)/inner/$(3)/$(4)/metrics.tsv: $(OUT)/split/$(call feat_of,$(3))/$(1)/$(4)/train.c.eeg $(OUT)/split/$(call feat_of,$(3))/$(1)/$(4)/test.c.eeg $(OUT)/stamp/model-best $(OUT)/stamp/feat-$(call feat_of,$(3))
	@mkdir -p $$(@D)
	@eeg-train $$(NET_$(call net_of,$(3))) --epochs $$(EPOCHS) --seed $(2) --threads $$(THREADS) \
	    -o $$(@D)/model $$< 2>$$(@D)/train.log
	@eeg-predict --threads $$(THREADS) $$(@D)/model $$(word 2,$$^) | eeg-metrics --tsv >$$(TMP) && mv $$(TMP) $$@
	@awk -F'\t' '$$$$1 == "summary" && $$$$3 == "accuracy" { printf "best/$(1)/s$(2): inner $(3), $(4) held out: accuracy %.4f\n", $$$$4 }' $$@
endef
# the candidate of the best mean accuracy over the inner subjects, then the final run: the
# chosen candidate trained on all training subjects and scored on the held-out one
rparen := )
net_case = case $${c\#\#*-} in $(foreach n,$(NETS),$(n)$(rparen) net='$(NET_$(n))';;) esac
define best_run
$(foreach c,$(CANDIDATES),$(foreach i,$(call others,$(1)),$(eval $(call inner_run,$(1),$(2),$(c),$(i)))))
$(OUT)/best/$(1)/s$(2)/choice.txt: $(foreach c,$(CANDIDATES),$(foreach i,$(call others,$(1)),$(OUT)/best/$(1)/s$(2)/inner/$(c)/$(i)/metrics.tsv)) $(P)/choose.sh
	$$(Q)sh $(P)/choose.sh $$(@D)/inner $(CANDIDATES) >$$(TMP) && mv $$(TMP) $$@
	@sed 's|^|best/$(1)/s$(2): |' $$@
$(OUT)/best/$(1)/s$(2)/settings.txt: $(OUT)/best/$(1)/s$(2)/choice.txt $(OUT)/stamp/data $(OUT)/stamp/split $(OUT)/stamp/model-best
	$$(Q){ echo "run: best, $(1) held out, seed $(2): $$$$(sed -n 's/^chosen: //p' $$<)"; \
	  cat $$(filter-out %/choice.txt,$$^); sed -n 's/^chosen: /chosen: /p' $$<; } >$$(TMP) && mv $$(TMP) $$@
$(OUT)/best/$(1)/s$(2)/model: $(OUT)/best/$(1)/s$(2)/settings.txt $(foreach f,$(FEATS),$(OUT)/split/$(f)/$(1)/train.c.eeg)
	@c=$$$$(sed -n 's/^chosen: //p' $$(@D)/choice.txt); $$(net_case); \
	$$(call train,best/$(1)/s$(2),$$(@D),$$$$net --epochs $$(EPOCHS) --seed $(2) --threads $$(THREADS) \
	    $(OUT)/split/$$$${c%-*}/$(1)/train.c.eeg)
$(OUT)/best/$(1)/s$(2)/pred.eeg: $(OUT)/best/$(1)/s$(2)/model $(foreach f,$(FEATS),$(OUT)/split/$(f)/$(1)/test.c.eeg)
	@c=$$$$(sed -n 's/^chosen: //p' $$(@D)/choice.txt); \
	$$(call predict,$$(@D),$(OUT)/split/$$$${c%-*}/$(1)/test.c.eeg)
endef
$(if $(filter best,$(RECIPES)),$(foreach s,$(SUBJECTS),$(foreach k,$(SEEDS),$(eval $(call best_run,$(s),$(k))))))

# --- the summary: per-subject scores, mean and sd, for every recipe ---
RESULTS  = $(addprefix $(OUT)/,$(JOBS))
# figures of the first seed's runs
FIGURES  = $(foreach r,$(RECIPES),$(foreach s,$(SUBJECTS),$(foreach f,confusion curves,$(OUT)/$(r)/$(s)/s$(firstword $(SEEDS))/$(f).svg)))

$(OUT)/results.tsv: $(RESULTS:=/metrics.tsv) $(RESULTS:=/report.txt) $(P)/results.sh
	$(Q)sh $(P)/results.sh $(RESULTS) >$(TMP) && mv $(TMP) $@
$(OUT)/summary.txt: $(OUT)/settings.txt $(OUT)/results.tsv $(P)/loso-summary.sh
	$(Q)sh $(P)/loso-summary.sh $(OUT)/settings.txt $(OUT)/results.tsv >$(TMP) && mv $(TMP) $@
$(OUT)/loso.png $(OUT)/loso.svg: $(OUT)/results.tsv $(P)/loso.gp
	$(Q)sh $(P)/figures.sh loso $(OUT)
$(OUT)/report.html: $(OUT)/summary.txt $(OUT)/loso.svg $(FIGURES) $(P)/report.sh
	$(Q)awk -F'\t' 'NR == 1 || $$1 ~ /\/s$(firstword $(SEEDS))$$/' $(OUT)/results.tsv >$(OUT)/figures.tsv
	$(Q)sh $(P)/report.sh "Leave one subject out" $(OUT)/summary.txt $(OUT)/figures.tsv loso >$(TMP) && mv $(TMP) $@

# --- scale-out: every job, its shared inputs, and one shell line per job ---
FEATFILES = $(OUT)/feat/bird.eeg $(addprefix $(OUT)/feat/,$(FEATS:=.eeg))
SPLITFILES = $(foreach s,$(SUBJECTS),$(foreach m,$(SEEDMODELS),$(OUT)/split/$(call valdir,$(m))/$(s)/train.z.eeg) \
	$(if $(filter best,$(RECIPES)),$(foreach f,$(FEATS),$(foreach p,train test,$(OUT)/split/$(f)/$(s)/$(p).c.eeg) \
	$(foreach i,$(call others,$(s)),$(foreach p,train test,$(OUT)/split/$(f)/$(s)/$(i)/$(p).c.eeg)))))
JOBVARS  = OUT EPOCHS THREADS SEED SEEDS RECIPES MUSE EMOTIONS SYNTH CHANNELS FEATS NETS
prepare: $(FEATFILES) $(SPLITFILES) $(OUT)/settings.txt
# one line per job: a point of the grid (jobs), or one nested run of the best recipe
# (inner-jobs: an array of those first, then jobs, splits a large study into one training
# per job; the jobs then find their inner runs made)
INNER    = $(if $(filter best,$(RECIPES)),$(foreach s,$(SUBJECTS),$(foreach k,$(SEEDS),$(foreach c,$(CANDIDATES),$(foreach i,$(call others,$(s)),best/$(s)/s$(k)/inner/$(c)/$(i))))))
jobline  = echo "cd $(CURDIR) && make -f $(P)/loso.mk$(foreach v,$(JOBVARS), $(v)='$($(v))') $(1)";
jobs:
	@$(foreach j,$(JOBS),$(call jobline,$(OUT)/$(j)/report.txt))
inner-jobs:
	@$(foreach j,$(INNER),$(call jobline,$(OUT)/$(j)/metrics.tsv))
.PHONY: all prepare jobs inner-jobs
$(stamps)
