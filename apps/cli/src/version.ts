export const CCS_VERSION: string = typeof __CCS_VERSION__ === 'string' ? __CCS_VERSION__ : '0.0.0-dev';
