/* ids_areas.h: the figure ids of the areas breakdown
 * (src/stats/breakdown_areas.c): one local area's values, each id built
 * from the area's key. See ids.h for the naming. */
#ifndef SENDPACK_IDS_AREAS_H
#define SENDPACK_IDS_AREAS_H

#include "sendpack/ids.h"
#include "sendpack/ids_funding.h"
#include "sendpack/ids_interventions.h"

/* area key */
#define SP_IDF_AREA_INSPECTION_PUBLISHED SP_IDF_AREA_ "inspection.published"
#define SP_IDF_AREA_WSOA SP_IDF_AREA_ "wsoa"
#define SP_IDF_AREA_WEAKNESSES SP_IDF_AREA_ "weaknesses.identified"
#define SP_IDF_AREA_REVISIT_PUBLISHED SP_IDF_AREA_ "revisit.published"
#define SP_IDF_AREA_PROGRESS_MADE SP_IDF_AREA_ "weaknesses.progress_made"
#define SP_IDF_AREA_PROGRESS_NOT_MADE SP_IDF_AREA_ "weaknesses.progress_not_made"
#define SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE SP_IDF_AREA_ "weaknesses.progress_not_made.share"
/* revisited areas with a smaller share of weaknesses without progress (the area's place) */
#define SP_IDF_AREA_PROGRESS_NOT_MADE_AREAS_FEWER SP_IDF_AREA_ "weaknesses.progress_not_made.areas_fewer"
#define SP_IDF_AREA_OUTCOME_PUBLISHED SP_IDF_AREA_ "outcome.published"
#define SP_IDF_AREA_PRIORITY_ACTIONS SP_IDF_AREA_ "outcome.priority_actions"
#define SP_IDF_AREA_INTERVENTIONS_COUNT SP_IDF_AREA_ SP_ID_INTERVENTIONS_COUNT
#define SP_IDF_AREA_FUNDING_TOTAL SP_IDF_AREA_ SP_ID_FUNDING_TOTAL

#endif
