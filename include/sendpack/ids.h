/* ids.h: the figure ids every source shares: the as-at figure and the
 * prefixes that turn a national id into the same measure in one region or
 * one area. Each source's own ids are in ids_<source>.h (stats layer), the
 * only place an id is spelled; breakdowns and renderers use the macros.
 * SP_ID_* is an id; SP_IDF_* a printf format building one (its arguments in
 * the comment); a name ending in '_' is a prefix to put before an id. */
#ifndef SENDPACK_IDS_H
#define SENDPACK_IDS_H

#define SP_ID_AS_AT "as_at"

/* region.<region slug>.<id>: a national id restricted to an Ofsted region */
#define SP_IDF_REGION_ "region.%s."
#define SP_IDF_REGION_OF SP_IDF_REGION_ "%s" /* region slug, national id */

/* area.<area key>.<id>: one local area's value */
#define SP_IDF_AREA_ "area.%s."
#define SP_IDF_AREA_OF SP_IDF_AREA_ "%s" /* area key, the id's tail */

#endif
