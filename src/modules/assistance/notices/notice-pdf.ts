/**
 * Lays out a decision notice as an A4 PDF with the Chinese font embedded (subset). Layout only: the words come from
 * notice-content.ts. Output is deterministic for the same notice (creation date = issue date).
 */

import PDFDocument from 'pdfkit';
import { yuan } from '../rules/decision.ts';
import { chineseDate, type DecisionNotice, type NoticeGrant } from './notice-content.ts';
import { loadNoticeFonts } from './notice-font.ts';

const MARGIN = 56;
const GREY = '#555555';
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).font('bold').fontSize(12).fillColor('black').text(text);
  doc.moveDown(0.2).font('regular').fontSize(11);
}

function paragraph(doc: Doc, text: string, size = 11): void {
  doc
    .font('regular')
    .fontSize(size)
    .fillColor('black')
    .text(text, { indent: size * 2, lineGap: 3, align: 'justify' });
}

function membersTable(doc: Doc, grant: NoticeGrant): void {
  if (grant.members.length === 0) return;
  const width = doc.page.width - MARGIN * 2;
  doc.moveDown(0.2);
  doc.table({
    columnStyles: [width * 0.3, width * 0.25, width * 0.45],
    rowStyles: (row) => (row === 0 ? { font: 'bold', backgroundColor: '#f0f0f0' } : { font: 'regular' }),
    data: [
      ['姓名', '与申请人关系', '身份证号'],
      ...grant.members.map((m) => [m.name, m.relation ?? '', m.idNumberMasked ?? '']),
    ],
  });
  doc.font('regular').fontSize(11);
}

function grantBlock(doc: Doc, grant: NoticeGrant, index: number): void {
  heading(doc, `${NUMERALS[index] ?? index + 1}、${grant.programmeName}`);
  if (grant.monthly && grant.amountFen !== null) {
    paragraph(doc, `保障金额：每月${yuan(grant.amountFen)}元。`);
    if (grant.startMonth) paragraph(doc, `发放时间：自${chineseDate(grant.startMonth)}起按月发放。`);
  } else if (grant.amountFen !== null) {
    paragraph(doc, `救助金额：${yuan(grant.amountFen)}元。`);
    if (grant.payments.length > 1) {
      const parts = grant.payments.map((p) => `${chineseDate(p.month)}${yuan(p.amountFen)}元`);
      paragraph(doc, `分${grant.payments.length}次发放：${parts.join('，')}。`);
    } else if (grant.startMonth) {
      paragraph(doc, `发放时间：${chineseDate(grant.startMonth)}。`);
    }
  }
  if (grant.validUntil) paragraph(doc, `有效期至${chineseDate(grant.validUntil)}。`);
  for (const reason of grant.reasons) paragraph(doc, `认定理由：${reason}。`);
  membersTable(doc, grant);
}

function traceSections(doc: Doc, notice: DecisionNotice): void {
  if (notice.sections.length === 0) return;
  heading(doc, '审核认定依据(逐项说明)');
  let n = 0;
  for (const section of notice.sections) {
    doc.moveDown(0.3).font('bold').fontSize(10).fillColor('black').text(section.heading);
    for (const step of section.steps) {
      n += 1;
      const cited = step.parameterVersionId !== null;
      doc.font('regular').fontSize(9.5).fillColor('black').text(`${n}. ${step.zh}`, { continued: cited, lineGap: 2 });
      // Short form per step (the first 8 characters); the full ids are listed once below for looking them up.
      if (cited) doc.fillColor(GREY).text(` [参数版本 ${String(step.parameterVersionId).slice(0, 8)}]`);
    }
  }
  if (notice.parameterVersions.length > 0) {
    doc.moveDown(0.3).font('regular').fontSize(9.5).fillColor(GREY);
    doc.text(`引用的政策参数版本：${notice.parameterVersions.join('、')}。`);
  }
  doc.fillColor('black');
}

function signature(doc: Doc, notice: DecisionNotice): void {
  // Keep the issuer, date and seal together on one page.
  if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1.5).font('regular').fontSize(11).fillColor('black');
  doc.text(notice.issuer, { align: 'right' });
  doc.text(chineseDate(notice.issuedOn), { align: 'right' });
  doc.fillColor(GREY).fontSize(9).text('(印章)', { align: 'right' }).fillColor('black');
}

function footers(doc: Doc, notice: DecisionNotice): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(GREY)
      .text(`编号 ${notice.caseNo}    第 ${i + 1} 页 共 ${range.count} 页`, MARGIN, doc.page.height - 36, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders a decision notice (approval, refusal or not accepted) to PDF bytes with the Chinese font embedded. */
export async function renderDecisionNotice(notice: DecisionNotice): Promise<Buffer> {
  const fonts = await loadNoticeFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${notice.title} ${notice.caseNo}`,
      Author: notice.issuer,
      Subject: notice.title,
      Creator: 'Huimin 惠民',
      CreationDate: new Date(`${notice.issuedOn}T09:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  doc.font('bold').fontSize(20).text(notice.title, { align: 'center' });
  doc.moveDown(0.3).font('regular').fontSize(10).fillColor(GREY).text(`编号：${notice.caseNo}`, { align: 'right' });
  doc.moveDown(0.6).fillColor('black').font('bold').fontSize(12);
  doc.text(`${notice.addressee.name}(身份证号 ${notice.addressee.idNumberMasked})：`);
  if (notice.addressee.address) {
    doc.font('regular').fontSize(10).fillColor(GREY).text(`住址：${notice.addressee.address}`).fillColor('black');
  }
  doc.moveDown(0.4);
  paragraph(doc, notice.opening);

  notice.grants.forEach((grant, index) => {
    grantBlock(doc, grant, index);
  });
  if (notice.reasons.length > 0) {
    doc.moveDown(0.3);
    notice.reasons.forEach((reason, index) => {
      doc
        .font('regular')
        .fontSize(11)
        .text(`${index + 1}. ${reason}`, { indent: 22, lineGap: 3, align: 'left' });
    });
  }
  traceSections(doc, notice);
  doc.moveDown(0.6);
  for (const line of notice.closing) paragraph(doc, line);
  signature(doc, notice);
  footers(doc, notice);
  doc.end();
  return finished;
}
