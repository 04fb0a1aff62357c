import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { codebookFromCsv } from '../csv-codebook';

const HEADER = 'annotator,tag,tag_label,start,end,quote,document_path,attr:targets,attr:source';

describe('the codebook a CSV describes', () => {
  it('adds the tags the built-in codebook lacks, with their labels and attributes', () => {
    const csv = [
      HEADER,
      'Ayu,sanction,Sanction,0,5,Bank,a.txt,banks;oil,Reuters says',
      'Budi,sanction,Sanction,6,9,Oil,a.txt,oil,',
      'Budi,commitment,Commitment,0,5,Bank,a.txt,,',
    ].join('\r\n');
    const codebook = codebookFromCsv([csv], builtinCodebook());
    expect(codebook.tags.slice(0, builtinCodebook().tags.length)).toEqual(builtinCodebook().tags);
    const sanction = codebook.tags.find((t) => t.id === 'sanction')!;
    expect(sanction.label).toBe('Sanction');
    expect(sanction.attributes).toEqual([
      {
        id: 'targets',
        label: 'targets',
        kind: 'multiple',
        values: [
          { id: 'banks', label: 'banks' },
          { id: 'oil', label: 'oil' },
        ],
      },
      { id: 'source', label: 'source', kind: 'text', values: [] },
    ]);
  });

  it('leaves out what cannot be a codebook id, and changes nothing for a built-in export', () => {
    const csv = [
      HEADER,
      'Ayu,Not A Slug,X,0,5,Bank,a.txt,,',
      'Ayu,commitment,Commitment,0,5,Bank,a.txt,,',
    ].join('\r\n');
    expect(codebookFromCsv([csv], builtinCodebook())).toBe(builtinCodebook());
    expect(codebookFromCsv(['garbage'], builtinCodebook())).toBe(builtinCodebook());
  });
});
