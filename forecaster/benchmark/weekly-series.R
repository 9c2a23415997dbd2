#!/usr/bin/env Rscript
# Writes real weekly count series from the R package 'surveillance' (GPL-2; Debian: apt-get install
# r-cran-surveillance) as CSV files, one per series, with the columns week (ISO date of the week's Monday) and value,
# into the directory given as the only argument. The data are not part of Argus: run this, then
#   ./argus forecast benchmark --dir DIR --time-column week --value-column value --period 52 --horizon 8 --last 200
# (see forecaster/README.md, "Benchmark: short real weekly series").
#
# The series: every weekly series shipped by surveillance 1.20 that is real (not simulated), counts something that
# happens every week (a mean of at least 8 a week and at most a tenth of the weeks empty) and holds at least two
# seasons plus the horizon (112 weeks). Sources: the Robert Koch Institute's SurvStat (German notifiable diseases),
# Statens Serum Institut's EuroMOMO (Danish all-cause deaths by age group), as the package documents each.
suppressPackageStartupMessages(library(surveillance))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: weekly-series.R OUTPUT_DIRECTORY")
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

# The Monday of ISO week `week` of `year`.
monday <- function(year, week) {
  jan4 <- as.Date(sprintf("%d-01-04", year))
  jan4 - (as.integer(format(jan4, "%u")) - 1) + 7 * (week - 1)
}

write_series <- function(name, values, year, week, dates = NULL) {
  values <- as.numeric(values)
  if (is.null(dates)) dates <- monday(year, week) + 7 * (seq_along(values) - 1)
  if (length(values) < 112 || mean(values) < 8 || mean(values == 0) > 0.1) {
    message(sprintf("skipped %-32s %4d weeks, mean %7.1f, %3.0f%% empty", name, length(values), mean(values),
                    100 * mean(values == 0)))
    return(invisible())
  }
  file <- file.path(out, paste0(name, ".csv"))
  write.csv(data.frame(week = format(dates, "%Y-%m-%d"), value = values), file, row.names = FALSE, quote = FALSE)
  message(sprintf("wrote   %-32s %4d weeks, mean %7.1f", name, length(values), mean(values)))
}

from_disprog <- function(name, object = name) {
  e <- new.env(); data(list = object, package = "surveillance", envir = e); x <- get(object, envir = e)
  x$observed
}

# disProg objects (RKI SurvStat), one or more columns
hepatitisA <- from_disprog("hepatitisA")
write_series("rki-hepatitis-a", hepatitisA[, 1], 2001, 1)
influMen <- from_disprog("influMen")
write_series("rki-influenza", influMen[, "influenza"], 2001, 1)
write_series("rki-meningococcus", influMen[, "meningococcus"], 2001, 1)

# sts objects
sts_series <- function(object) {
  e <- new.env(); data(list = object, package = "surveillance", envir = e); get(object, envir = e)
}
start_of <- function(x) x@start
salmAllOnset <- sts_series("salmAllOnset")
write_series("rki-salmonella-by-onset", observed(salmAllOnset)[, 1], start_of(salmAllOnset)[1],
             start_of(salmAllOnset)[2])
salmHospitalized <- sts_series("salmHospitalized")
write_series("rki-salmonella-hospitalized", observed(salmHospitalized)[, 1], start_of(salmHospitalized)[1],
             start_of(salmHospitalized)[2])
fluBYBW <- sts_series("fluBYBW")
write_series("rki-influenza-bavaria-bw", rowSums(observed(fluBYBW)), start_of(fluBYBW)[1], start_of(fluBYBW)[2])
measlesDE <- sts_series("measlesDE")
write_series("rki-measles", rowSums(observed(measlesDE)), start_of(measlesDE)[1], start_of(measlesDE)[2])
momo <- sts_series("momo")
groups <- c("[0,1)" = "under-1", "[1,5)" = "1-4", "[5,15)" = "5-14", "[15,45)" = "15-44", "[45,65)" = "45-64",
            "[65,75)" = "65-74", "[75,85)" = "75-84", "[85,Inf)" = "85-plus")
for (group in colnames(observed(momo))) {
  write_series(paste0("momo-deaths-", groups[[group]]), observed(momo)[, group], start_of(momo)[1],
               start_of(momo)[2])
}

# campyDE: a data frame with the Monday of each week
data(campyDE, package = "surveillance")
write_series("rki-campylobacter", campyDE$case, dates = as.Date(campyDE$date))
