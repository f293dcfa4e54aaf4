/* ids_sen2.h: the figure ids of the SEN2 source (EHC-plan timeliness,
 * src/stats/breakdown_sen2.c). The breakdown and every renderer use these
 * macros, never a string literal, so a renamed id fails to compile.
 * Templates keep the literal ids (tests/unit/test_figure_ids.c checks them).
 *
 * A year is a calendar year: it counts once it has ended on or before the
 * as-at date. Shares are new EHC plans issued within 20 weeks, excluding
 * exceptions, over all new plans excluding exceptions. */
#ifndef SENDPACK_IDS_SEN2_H
#define SENDPACK_IDS_SEN2_H

/* England, one year. Argument: the year (int). */
#define SP_IDF_EHCP_SHARE "ehcp.%d.within_20_weeks.share"
#define SP_IDF_EHCP_WITHIN "ehcp.%d.within_20_weeks.count"
#define SP_IDF_EHCP_NEW_PLANS "ehcp.%d.new_plans.count"
/* Local-authority rows with both counts and at least one new plan; those
 * with a share below one half. Argument: the year (int). */
#define SP_IDF_EHCP_AREAS "ehcp.%d.areas.count"
#define SP_IDF_EHCP_AREAS_UNDER_50 "ehcp.%d.areas.under_50pct.count"
/* Spread across local authorities: median, lower and upper quartile of
 * their shares. Argument: the year (int). */
#define SP_IDF_EHCP_AREAS_MEDIAN "ehcp.%d.areas.median"
#define SP_IDF_EHCP_AREAS_Q1 "ehcp.%d.areas.q1"
#define SP_IDF_EHCP_AREAS_Q3 "ehcp.%d.areas.q3"
/* An Ofsted region (sum of its local-authority rows). Arguments: region
 * slug (string), year (int). */
#define SP_IDF_REGION_EHCP_SHARE "region.%s.ehcp.%d.within_20_weeks.share"
/* An inspected area. Arguments: area key (string), year (int). */
#define SP_IDF_AREA_EHCP_SHARE "area.%s.ehcp.%d.within_20_weeks.share"

/* The latest counted year and the year before, for templates that cannot
 * name a year: England's share, the year's last day (a date). */
#define SP_ID_EHCP_LATEST_SHARE "ehcp.latest.within_20_weeks.share"
#define SP_ID_EHCP_LATEST_YEAR_END "ehcp.latest.year_end"
#define SP_ID_EHCP_LATEST_AREAS "ehcp.latest.areas.count"
#define SP_ID_EHCP_LATEST_UNDER_50 "ehcp.latest.areas.under_50pct.count"
#define SP_ID_EHCP_PREVIOUS_SHARE "ehcp.previous.within_20_weeks.share"
#define SP_ID_EHCP_PREVIOUS_YEAR_END "ehcp.previous.year_end"
/* The same for an area. Argument: the area key (string). */
#define SP_IDF_AREA_EHCP_LATEST_SHARE "area.%s.ehcp.latest.within_20_weeks.share"
#define SP_IDF_AREA_EHCP_LATEST_PLANS "area.%s.ehcp.latest.new_plans.count"
#define SP_IDF_AREA_EHCP_PREVIOUS_SHARE "area.%s.ehcp.previous.within_20_weeks.share"

/* Beside the inspections: the median share in the calendar year before the
 * inspection report was published, for areas with and without a WSoA, and
 * the number of areas each median is over. */
#define SP_ID_WSOA_EHCP_PRIOR_MEDIAN "wsoa.ehcp_prior_year.median"
#define SP_ID_WSOA_EHCP_PRIOR_COUNT "wsoa.ehcp_prior_year.count"
#define SP_ID_NO_WSOA_EHCP_PRIOR_MEDIAN "no_wsoa.ehcp_prior_year.median"
#define SP_ID_NO_WSOA_EHCP_PRIOR_COUNT "no_wsoa.ehcp_prior_year.count"

#endif
