/* ids_interventions.h: the figure ids of the interventions breakdown
 * (src/stats/breakdown_interventions.c). See ids.h for the naming. */
#ifndef SENDPACK_IDS_INTERVENTIONS_H
#define SENDPACK_IDS_INTERVENTIONS_H

#include "sendpack/ids.h"

#define SP_ID_INTERVENTIONS_COUNT "interventions.count"
/* intervention type name, as sp_intervention_type_name() */
#define SP_IDF_INTERVENTIONS_TYPE_COUNT "interventions.%s.count"
/* region slug (then type name) */
#define SP_IDF_REGION_INTERVENTIONS_COUNT SP_IDF_REGION_ SP_ID_INTERVENTIONS_COUNT
#define SP_IDF_REGION_INTERVENTIONS_TYPE_COUNT SP_IDF_REGION_ SP_IDF_INTERVENTIONS_TYPE_COUNT

#endif
