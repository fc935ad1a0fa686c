import { resourcesOfType, type LimitRule } from '../limit-rule';

/** SSM API Reference, `Target`: "Values ... Maximum number of 50 items"; `CreateAssociation` Targets: at most 5. */
export const ASSOCIATION_TARGET_VALUES = 50;
export const ASSOCIATION_TARGETS = 5;

/** An SSM association's targets: at most 5, each with at most 50 values. */
export const associationTargets: LimitRule = {
  id: 'AssociationTargets',
  info: 'An SSM association has more targets or target values than Systems Manager accepts.',
  source: `Systems Manager API Reference, Target (Values: at most ${ASSOCIATION_TARGET_VALUES} items) and CreateAssociation (Targets: at most ${ASSOCIATION_TARGETS}); target by tag instead of instance ids`,
  evaluate(templates) {
    return templates.flatMap((t) =>
      resourcesOfType(t, 'AWS::SSM::Association').flatMap(({ logicalId, properties }) => {
        const targets = Array.isArray(properties.Targets)
          ? (properties.Targets as { Values?: unknown }[])
          : [];
        const most = Math.max(0, ...targets.map((x) => (Array.isArray(x.Values) ? x.Values.length : 0)));
        if (targets.length <= ASSOCIATION_TARGETS && most <= ASSOCIATION_TARGET_VALUES) return [];
        return [
          {
            templatePath: t.templatePath,
            logicalId,
            measured: `${targets.length} targets (limit ${ASSOCIATION_TARGETS}), up to ${most} values in one (limit ${ASSOCIATION_TARGET_VALUES})`,
          },
        ];
      }),
    );
  },
};
