/** Where a UK council's data lives unless the plan's `allowedRegions` says otherwise: London. */
export const UK_DEFAULT_REGION = 'eu-west-2';
