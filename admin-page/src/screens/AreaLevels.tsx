import { FormGroup, FormSelect, FormSelectOption, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Catalogue, Levels } from '../logic';
import { FieldError } from './common';

/**
 * Each area of the catalogue as one choice of its scale (R-LEVEL-1), for a group and for a person's
 * own adjustments (R-LEVEL-4). An area whose lowest level is a role may also be left unset.
 */
export function AreaLevels({ catalogue, levels, onChange, readOnly, idPrefix, error, additions }: {
  catalogue: Catalogue;
  /** Levels on top of what the person's groups give: every area may stay unset. */
  additions?: boolean;
  levels: Levels;
  onChange: (levels: Levels) => void;
  readOnly?: boolean;
  idPrefix: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const areas = catalogue.areas ?? [];
  if (areas.length === 0) return null;
  const change = (area: string, level: string) => {
    const { [area]: _previous, ...others } = levels;
    onChange(level ? { ...others, [area]: level } : others);
  };
  return (
    <div className="bo-section" role="group" aria-labelledby={`${idPrefix}-title`}>
      <Title headingLevel="h2" size="md" id={`${idPrefix}-title`}>{t('levels')}</Title>
      {areas.map((area) => (
        <FormGroup key={area.name} label={t(`area.${area.name}`, { defaultValue: area.name })} fieldId={`${idPrefix}-${area.name}`}>
          <FormSelect id={`${idPrefix}-${area.name}`} data-area={area.name} value={levels[area.name] ?? ''} isDisabled={readOnly}
            onChange={(_e, v) => change(area.name, v)}>
            {(area.levels[0]?.role || additions) && <FormSelectOption value="" label={t('levelUnset')} />}
            {area.levels.map((level) => (
              <FormSelectOption key={level.name} value={level.name}
                label={t(`level.${level.name}`, { defaultValue: level.name }) + (level.description ? ` — ${level.description}` : '')} />
            ))}
          </FormSelect>
        </FormGroup>
      ))}
      <FieldError id={`${idPrefix}-error`} message={error} />
    </div>
  );
}
