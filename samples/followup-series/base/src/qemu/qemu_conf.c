/*
 * qemu_conf.c: QEMU configuration management
 */

#include <config.h>

#include "qemu_conf.h"
#include "virconf.h"

#define VIR_FROM_THIS VIR_FROM_QEMU


static int
virQEMUDriverConfigLoadProcessEntry(virQEMUDriverConfig *cfg,
                                    virConf *conf)
{
    if (virConfGetValueUInt(conf, "max_queued", &cfg->maxQueuedJobs) < 0)
        return -1;
    if (virConfGetValueUInt(conf, "max_backups", &cfg->maxBackups) < 0)
        return -1;

    return 0;
}
