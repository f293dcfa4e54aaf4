/* ids_dsg.h: the figure ids of the dedicated schools grant (DSG) breakdown
 * (src/stats/breakdown_dsg.c), for the breakdown and every renderer.
 *
 * <fy> is a financial year as "2023-24" (sp_figures.dsg_years[i].slug),
 * <r> a region slug, <k> an area key (lower-case la_code). Every amount is
 * the high-needs block in pounds; "change" is from the previous financial
 * year among the DSG files given (the figure's definition names it). */
#ifndef SENDPACK_IDS_DSG_H
#define SENDPACK_IDS_DSG_H

/* England, before deductions (sum of the local authority rows). Args: fy. */
#define SP_IDF_DSG_HN_TOTAL "dsg.%s.high_needs.total_gbp"
/* England, after deductions for academies and direct funding. Args: fy. */
#define SP_IDF_DSG_HN_AFTER "dsg.%s.high_needs.after_deductions_gbp"
/* Local authority rows in the file, joined or not. Args: fy. */
#define SP_IDF_DSG_AREAS_COUNT "dsg.%s.areas.count"
/* Change from the previous year given, in pounds and as a share of it. Args: fy. */
#define SP_IDF_DSG_HN_CHANGE "dsg.%s.high_needs.change_gbp"
#define SP_IDF_DSG_HN_CHANGE_SHARE "dsg.%s.high_needs.change_share"
/* Median change (share) of the areas with and without a WSoA. Args: fy. */
#define SP_IDF_DSG_WSOA_MEDIAN "dsg.%s.high_needs.wsoa.median_change_share"
#define SP_IDF_DSG_NO_WSOA_MEDIAN "dsg.%s.high_needs.no_wsoa.median_change_share"

/* Regions (sums of their areas). Args: region slug, fy. */
#define SP_IDF_REGION_DSG_HN_TOTAL "region.%s.dsg.%s.high_needs.total_gbp"
#define SP_IDF_REGION_DSG_HN_CHANGE "region.%s.dsg.%s.high_needs.change_gbp"
#define SP_IDF_REGION_DSG_HN_CHANGE_SHARE "region.%s.dsg.%s.high_needs.change_share"

/* Areas. Args: area key, fy. */
#define SP_IDF_AREA_DSG_HN_TOTAL "area.%s.dsg.%s.high_needs.total_gbp"
#define SP_IDF_AREA_DSG_HN_CHANGE "area.%s.dsg.%s.high_needs.change_gbp"
#define SP_IDF_AREA_DSG_HN_CHANGE_SHARE "area.%s.dsg.%s.high_needs.change_share"

/* The latest financial year included, under fixed ids for templates:
 * the same values as the <fy> ids of that year (no args). */
#define SP_ID_DSG_LATEST_TOTAL "dsg.latest.high_needs.total_gbp"
#define SP_ID_DSG_LATEST_CHANGE "dsg.latest.high_needs.change_gbp"
#define SP_ID_DSG_LATEST_CHANGE_SHARE "dsg.latest.high_needs.change_share"

#endif
