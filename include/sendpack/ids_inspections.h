/* ids_inspections.h: the figure ids of the inspections breakdown
 * (src/stats/breakdown_inspections.c): Ofsted's area SEND inspections and
 * revisits, both frameworks. See ids.h for the naming. */
#ifndef SENDPACK_IDS_INSPECTIONS_H
#define SENDPACK_IDS_INSPECTIONS_H

#include "sendpack/ids.h"

/* previous (2016) framework, England */
#define SP_ID_INSPECTIONS_COUNT "inspections.count"
#define SP_ID_WSOA_COUNT "wsoa.count"
#define SP_ID_WSOA_SHARE "wsoa.share"
#define SP_ID_WEAKNESSES_TOTAL "weaknesses.identified.total"
#define SP_ID_WEAKNESSES_MEDIAN "weaknesses.identified.median"
#define SP_ID_FIRST_N_INSPECTIONS_COUNT "first_n.inspections.count"
#define SP_ID_FIRST_N_WSOA_COUNT "first_n.wsoa.count"
#define SP_ID_FIRST_N_WSOA_SHARE "first_n.wsoa.share"
#define SP_ID_REVISITS_COUNT "revisits.count"
#define SP_ID_REVISITS_PENDING_COUNT "revisits.pending.count"
#define SP_ID_REVISITS_WEAKNESSES "revisits.weaknesses.identified"
#define SP_ID_REVISITS_PROGRESS_MADE "revisits.weaknesses.progress_made"
#define SP_ID_REVISITS_PROGRESS_NOT_MADE "revisits.weaknesses.progress_not_made"
#define SP_ID_REVISITS_PROGRESS_MADE_SHARE "revisits.weaknesses.progress_made.share"
#define SP_ID_REVISITS_PROGRESS_NOT_MADE_SHARE "revisits.weaknesses.progress_not_made.share"
/* revisit outcome: all, some or none */
#define SP_IDF_REVISITS_OUTCOME_COUNT "revisits.outcome.%s.count"
#define SP_IDF_REVISITS_OUTCOME_SHARE "revisits.outcome.%s.share"
#define SP_ID_REVISITS_OUTCOME_ALL_SHARE "revisits.outcome.all.share"

/* previous framework, one Ofsted region (region slug) */
#define SP_IDF_REGION_INSPECTIONS_COUNT SP_IDF_REGION_ SP_ID_INSPECTIONS_COUNT
#define SP_IDF_REGION_WSOA_COUNT SP_IDF_REGION_ SP_ID_WSOA_COUNT
#define SP_IDF_REGION_WSOA_SHARE SP_IDF_REGION_ SP_ID_WSOA_SHARE
#define SP_IDF_REGION_WEAKNESSES_TOTAL SP_IDF_REGION_ SP_ID_WEAKNESSES_TOTAL
#define SP_IDF_REGION_REVISITS_COUNT SP_IDF_REGION_ SP_ID_REVISITS_COUNT
#define SP_IDF_REGION_REVISITS_PENDING_COUNT SP_IDF_REGION_ SP_ID_REVISITS_PENDING_COUNT
#define SP_IDF_REGION_REVISITS_PROGRESS_MADE SP_IDF_REGION_ SP_ID_REVISITS_PROGRESS_MADE
#define SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE SP_IDF_REGION_ SP_ID_REVISITS_PROGRESS_NOT_MADE
#define SP_IDF_REGION_REVISITS_PROGRESS_MADE_SHARE SP_IDF_REGION_ SP_ID_REVISITS_PROGRESS_MADE_SHARE
#define SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE_SHARE SP_IDF_REGION_ SP_ID_REVISITS_PROGRESS_NOT_MADE_SHARE
#define SP_IDF_REGION_WEAKNESSES_MEDIAN SP_IDF_REGION_ SP_ID_WEAKNESSES_MEDIAN

/* previous framework by year of publication (int year) */
#define SP_IDF_YEAR_INSPECTIONS_COUNT "year.%d.inspections.count"
#define SP_IDF_YEAR_WSOA_COUNT "year.%d.wsoa.count"
#define SP_IDF_YEAR_WSOA_SHARE "year.%d.wsoa.share"

/* previous framework, cumulative to the end of a month (int year, int month) */
#define SP_IDF_MONTH_INSPECTIONS_CUMULATIVE "month.%04d-%02d.inspections.cumulative"
#define SP_IDF_MONTH_WSOA_CUMULATIVE "month.%04d-%02d.wsoa.cumulative"
/* the start every month id shares */
#define SP_ID_MONTH_ "month."

/* 2023 framework, England; outcome name as sp_outcome_name() */
#define SP_ID_OUTCOME_INSPECTIONS_COUNT "outcome.inspections.count"
#define SP_IDF_OUTCOME_COUNT "outcome.%s.count"
#define SP_IDF_OUTCOME_SHARE "outcome.%s.share"
#define SP_ID_OUTCOME_POSITIVE_SHARE "outcome.positive.share"
#define SP_ID_OUTCOME_INCONSISTENT_SHARE "outcome.inconsistent.share"
#define SP_ID_OUTCOME_SYSTEMIC_SHARE "outcome.systemic.share"
#define SP_ID_OUTCOME_PAP_COUNT "outcome.priority_action_plan.count"
#define SP_ID_OUTCOME_PRIORITY_ACTIONS_TOTAL "outcome.priority_actions.total"

/* 2023 framework, one Ofsted region (region slug; then outcome name) */
#define SP_IDF_REGION_OUTCOME_INSPECTIONS_COUNT SP_IDF_REGION_ SP_ID_OUTCOME_INSPECTIONS_COUNT
#define SP_IDF_REGION_OUTCOME_COUNT SP_IDF_REGION_ SP_IDF_OUTCOME_COUNT
#define SP_IDF_REGION_OUTCOME_SHARE SP_IDF_REGION_ SP_IDF_OUTCOME_SHARE
#define SP_IDF_REGION_OUTCOME_POSITIVE_SHARE SP_IDF_REGION_ SP_ID_OUTCOME_POSITIVE_SHARE
#define SP_IDF_REGION_OUTCOME_INCONSISTENT_SHARE SP_IDF_REGION_ SP_ID_OUTCOME_INCONSISTENT_SHARE
#define SP_IDF_REGION_OUTCOME_SYSTEMIC_SHARE SP_IDF_REGION_ SP_ID_OUTCOME_SYSTEMIC_SHARE

#endif
