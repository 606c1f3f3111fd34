SELECT relais_enable_tenant_isolation('relative');
