/* view_sen2.h (private to src/stats): the SEN2 part of the view. */
#ifndef SENDPACK_VIEW_SEN2_H
#define SENDPACK_VIEW_SEN2_H

#include "sendpack/view.h"

/* Fill v->sen2, v->sen2_years and each area's sen2 list from ds; call once
 * the areas are known. */
void sp_view_sen2(sp_view *v, const sp_dataset *ds);

#endif
