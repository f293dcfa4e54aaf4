/* briefing_ehcp.h (private to src/render): the briefing and profile tables
 * of EHC-plan timeliness (SEN2): table:ehcp-regions and table:area-ehcp. */
#ifndef SENDPACK_BRIEFING_EHCP_H
#define SENDPACK_BRIEFING_EHCP_H

#include "sendpack/briefing.h"

/* England and each Ofsted region: the share of new EHC plans issued within
 * 20 weeks in the latest counted year and the year before, the latest
 * year's counts and interval. NULL when there is no SEN2 figure. */
sp_table *sp_ehcp_regions_table(const sp_context *ctx, sp_used_ids *used);
/* Rows for the profile's comparison table (Measure, This area, Region,
 * England): the latest counted year and the year before. */
void sp_ehcp_compare_rows(sp_table *t, const sp_context *ctx, const char *key,
                          sp_used_ids *used);
/* One area's recent years: its share (or the EES symbol its file shows),
 * its region's and England's. NULL when the area has no SEN2 row. */
sp_table *sp_ehcp_area_table(const sp_context *ctx, const char *key, sp_used_ids *used);

#endif
