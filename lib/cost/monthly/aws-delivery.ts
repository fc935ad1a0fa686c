/** The report store and notifier on AWS: S3 (bucket default encryption, KMS) and the finance SNS topic. */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, ReportStore } from './monthly-report-job';

export function s3ReportStore(client: S3Client, bucket: string, region: string): ReportStore {
  return {
    async put(key, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
    linkTo: (key) =>
      `https://${region}.console.aws.amazon.com/s3/object/${bucket}?region=${region}&prefix=${encodeURIComponent(key)}`,
  };
}

export function snsNotifier(client: SNSClient, topicArn: string): Notifier {
  return {
    async send(subject, message) {
      await client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
    },
  };
}
