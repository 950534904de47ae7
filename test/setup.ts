// Tests never read the developer's AWS settings, never ask instance metadata, never wait between retries.
for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.ETL_DOCTOR_RETRY_DELAY_MS = '0';
