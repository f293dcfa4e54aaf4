/* ids_funding.h: the figure ids of the funding breakdown
 * (src/stats/breakdown_funding.c): funding lines by status, programme and
 * recipient region. See ids.h for the naming. */
#ifndef SENDPACK_IDS_FUNDING_H
#define SENDPACK_IDS_FUNDING_H

#include "sendpack/ids.h"

#define SP_ID_FUNDING_COMMITTED "funding.committed_gbp"
#define SP_ID_FUNDING_OPTIONAL "funding.optional_gbp"
#define SP_ID_FUNDING_ANNOUNCED "funding.announced_gbp"
#define SP_ID_FUNDING_TOTAL "funding.total_gbp"
#define SP_ID_FUNDING_LINES_COUNT "funding.lines.count"
/* programme slug */
#define SP_IDF_FUNDING_PROGRAMME_TOTAL "funding.programme.%s.total_gbp"
/* programme slug; one per status, as SP_ID_FUNDING_COMMITTED.. for England */
#define SP_IDF_FUNDING_PROGRAMME_COMMITTED "funding.programme.%s.committed_gbp"
#define SP_IDF_FUNDING_PROGRAMME_OPTIONAL "funding.programme.%s.optional_gbp"
#define SP_IDF_FUNDING_PROGRAMME_ANNOUNCED "funding.programme.%s.announced_gbp"
/* recipient region slug */
#define SP_IDF_FUNDING_REGION_TOTAL "funding.region.%s.total_gbp"

#endif
