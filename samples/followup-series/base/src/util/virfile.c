/*
 * virfile.c: safer file handling
 *
 * Copyright (C) 2010-2025 Red Hat, Inc.
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with this library.  If not, see
 * <http://www.gnu.org/licenses/>.
 */

#include <config.h>

#include <fcntl.h>
#include <unistd.h>

#include "virfile.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.file");


bool
virFileExists(const char *path)
{
    return access(path, F_OK) == 0;
}


bool
virFileIsExecutable(const char *file)
{
    struct stat sb;

    if (stat(file, &sb) < 0)
        return false;
    if (S_ISDIR(sb.st_mode))
        return false;
    return (sb.st_mode & 0111) != 0;
}


/**
 * virFileIsLocked:
 * @path: the file to test
 *
 * Returns true when some process holds a lock on @path.
 */
bool
virFileIsLocked(const char *path)
{
    VIR_AUTOCLOSE fd = -1;
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

    if ((fd = open(path, O_RDONLY)) < 0)
        return false;
    if (fcntl(fd, F_GETLK, &lk) < 0)
        return false;
    return lk.l_type != F_UNLCK;
}
