# SPDX-License-Identifier: GPL-3.0-or-later
# What pipelines/seed.mk and pipelines/loso.mk share: the tools, the data source, parameter
# stamps, and the rules that turn a run directory's predictions into its report and figures.
# Run from the top of the tree (make -f pipelines/NAME.mk); see README, "The seed study".

P        := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TOP      := $(abspath $(P)/..)
include $(P)/recipes.mk

EPOCHS   = 20
THREADS  = 2
SEED     = 1
MUSE     = ../shared/data/muse-mental-state
EMOTIONS =
SYNTH    = -n 60 --seed 1
NOTE     =
SHELL    = /bin/sh
# the tools: this checkout's bin/ (EEG_BIN when the tests run another build of them)
BIN      := $(abspath $(or $(EEG_BIN),$(TOP)/bin))
export PATH := $(BIN):$(PATH)
export LC_ALL := C

ifeq ($(wildcard $(BIN)/eeg-train),)
$(error the tools are not built: run make (or make demo) in $(TOP) first)
endif

# --- the data: Bird et al.'s table, the Muse recordings when present, else eeg-synth's ---
MUSE_CSV := $(sort $(if $(MUSE),$(wildcard $(MUSE)/subject*-*-*.csv)))
ifneq ($(EMOTIONS),)
SOURCE   = emotions
STAMP_data = data: the emotions.csv table $(EMOTIONS) ($(shell ls -ln $(EMOTIONS) 2>/dev/null | cut -d' ' -f5) bytes)
else ifneq ($(MUSE_CSV),)
SOURCE   = muse
RAW      = $(MUSE_CSV)
STAMP_data = data: $(words $(MUSE_CSV)) Muse recordings in $(MUSE) (sizes cksum $(shell ls -ln $(MUSE_CSV) | awk '{ print $$5, $$NF }' | cksum | cut -d' ' -f1))
SUBJECTS = $(sort $(foreach f,$(MUSE_CSV),$(firstword $(subst -, ,$(notdir $(f))))))
else
SOURCE   = synth
RAW      = $(OUT)/raw/.done
STAMP_data = data: eeg-synth recordings (eeg-synth $(SYNTH) --format muse)
SUBJECTS := $(shell $(BIN)/eeg-synth --params $(SYNTH) | cut -d" " -f1)
endif
# the subject the seed study's subject split holds out: the last one
HOLDOUT  = $(or $(lastword $(SUBJECTS)),subjectd)
# the recordings, as eeg-fft operands
RAW_CSV  = $(if $(filter synth,$(SOURCE)),$(OUT)/raw,$(MUSE))/subject*-*-*.csv

$(OUT)/raw/.done: $(OUT)/stamp/data
	$(Q)rm -rf $(OUT)/raw
	eeg-synth $(SYNTH) --format muse -o $(OUT)/raw
	$(Q)touch $@

# --- stamps: $(OUT)/stamp/NAME holds the text of STAMP_NAME and is rewritten (made newer)
# only when that text changes, so whatever depends on it is rebuilt exactly when a setting
# it was made with changes (and not when nothing did). The texts are what the reports say.
# They are brought up to date when the makefile is read (stamps, below, at the end of each
# pipeline), before make compares any times.
stamp_write = f=$(OUT)/stamp/$(1); printf '%s\n' '$(STAMP_$(1))' >$$f.$$$$; \
	if cmp -s $$f.$$$$ $$f; then rm $$f.$$$$; else mv $$f.$$$$ $$f; fi;
stamps = $(shell mkdir -p $(OUT)/stamp; $(foreach v,$(filter STAMP_%,$(.VARIABLES)),$(call stamp_write,$(v:STAMP_%=%))))

# TMP: a temporary name for the target, unique to the shell that writes it, so that jobs
# running at once (make -j, GNU parallel, a Slurm array) never write into each other's file
TMP = $@.$$$$.tmp

# Recipes show the commands that make the data, as one would type them; the plumbing
# (temporary names, settings, reports, figures) stays quiet unless V=1.
Q = $(if $(V),,@)
# $(call out,COMMAND): the target is COMMAND's output, written atomically
out = echo '$(1) >$@'; $(1) >$(TMP) && mv $(TMP) $@

# $(call train,NAME,DIR,EEG-TRAIN-ARGS): train into DIR/model, the epoch lines on the
# terminal (prefixed by NAME) and in DIR/train.log, the learning curve in DIR/history.tsv
train = echo "eeg-train $(3) --history $(2)/history.tsv -o $(2)/model"; \
	sh $(P)/logged.sh $(1) $(2)/train.log eeg-train $(3) --history $(2)/history.tsv \
	-o $(2)/model.tmp && mv $(2)/model.tmp $(2)/model && eeg-train --info $(2)/model >$(2)/info.txt

# $(call predict,DIR,TEST): DIR/pred.eeg, and the cost of prediction in DIR/predict.log
predict = echo "eeg-predict -v --threads $(THREADS) $(1)/model $(2) >$(1)/pred.eeg"; \
	eeg-predict -v --threads $(THREADS) $(1)/model $(2) >$(1)/pred.eeg.tmp \
	2>$(1)/predict.log && mv $(1)/pred.eeg.tmp $(1)/pred.eeg

# --- what any run directory makes of its model and predictions ---
# (made by the recipes of model and pred.eeg; named here so that make knows they exist)
%/history.tsv %/info.txt %/train.log: %/model ;
%/predict.log: %/pred.eeg ;

%/metrics.tsv: %/pred.eeg
	$(Q)eeg-metrics --tsv $< >$(TMP) && mv $(TMP) $@

# the text report, opened by the settings the run was made with
%/report.txt: %/pred.eeg %/settings.txt
	$(Q){ cat $*/settings.txt; echo; eeg-metrics $<; } >$(TMP) && mv $(TMP) $@

%/confusion.png %/confusion.svg: %/metrics.tsv %/settings.txt $(P)/figures.sh $(P)/confusion.gp
	$(Q)sh $(P)/figures.sh confusion $*

%/curves.png %/curves.svg: %/history.tsv %/info.txt %/settings.txt $(P)/figures.sh $(P)/curves.gp
	$(Q)sh $(P)/figures.sh curves $*

clean:
	rm -rf $(OUT)

.PHONY: clean
.DELETE_ON_ERROR:
.SECONDARY:
