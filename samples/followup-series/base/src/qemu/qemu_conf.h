/*
 * qemu_conf.h: QEMU configuration management
 */

#pragma once

#include "virconf.h"

struct _virQEMUDriverConfig {
    virObject parent;

    char *uri;

    unsigned int maxQueuedJobs;
    unsigned int maxBackups;

    bool deprecationBehavior;
};
