#ifndef SHOAL_CLIBUV_SHIM_H
#define SHOAL_CLIBUV_SHIM_H

#include <uv.h>

#endif
