SELECT relais_enable_tenant_isolation('idempotency_record');
